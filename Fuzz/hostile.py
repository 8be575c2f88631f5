#!/usr/bin/env python3
"""Throws generated hostile cases at the built embassy-packets binary and checks what every run
must keep, whatever it was given:

- no signal (a crash) and an exit status the README documents (0, 1 or 2);
- a failure says so on stderr in one `...: error: ...` line (usage errors: ArgumentParser's
  two-line usage message), and names the file where it is about one;
- a run that wrote a manifest reconciles (rows = accepted + duplicates + rejected, accepted =
  routed + unrouted);
- no email address that went in appears in any byte written (files, stdout, stderr), PDFs
  decompressed with qpdf;
- a failed run leaves the previous output exactly as it was.

Usage: Fuzz/hostile.py [--binary .build/debug/embassy-packets] [--cases 120] [--seed 1]
Not a test of `swift test`: it prints counts per category and exits 1 when any case broke a rule.
"""

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = "Timestamp,First Name,Last Name,City,State or Province,Country,Email Address,How may we use your email address?"
COUNTRIES = ["United States", "Germany", "Deutschland", "France", "대한민국", "Japan", "UK", "Brasil", "Россия", "Germnay",
             "N/A", "Congo", "Atlantis", "", "Taiwan", "Paraguay", "🇩🇪"]
NAMES = ["Ann", "José", "Zoë", "민준", "محمد", "דוד", "Иван", "太郎", "=1+2", "@Lee", "O'Brien", "Nguy?n", "-", "", "a" * 300]


def email(rng, index):
    return rng.choice(["s{0}@example.org", " S{0}@Example.ORG ", "<s{0}@example.org>", "mailto:s{0}@example.org",
                       "s{0}＠example.org", "not-an-email", ""]).format(index)


def row(rng, index, emails):
    address = email(rng, index)
    if "@" in address or "＠" in address:
        emails.add("s%d@example.org" % index)
    cells = ["2024/03/%02d 9:%02d:25 PM GMT-4" % (rng.randint(1, 28), rng.randint(0, 59)), rng.choice(NAMES), rng.choice(NAMES),
             rng.choice(["Leeds", "Köln", "서울", "", "Paris"]), "", rng.choice(COUNTRIES), address, rng.choice(["Yes", "No", ""])]
    if rng.random() < 0.08:
        # An address typed into a printed field.
        leaked = "leak%d@mail.example.net" % index
        emails.add(leaked)
        cells[rng.randint(1, 5)] = leaked
    if rng.random() < 0.05:
        cells.pop(rng.randint(0, len(cells) - 1))  # a dropped cell
    line = ",".join('"%s"' % c.replace('"', '""') if ("," in c or '"' in c) else c for c in cells)
    if rng.random() < 0.03:
        line = line.replace(",", ',"', 1)  # a stray quote
    return line


def make_input(rng, folder, index, emails):
    rows = [row(rng, index * 1000 + i, emails) for i in range(rng.randint(0, 40))]
    text = HEADER + "\r\n" + "\r\n".join(rows) + "\r\n"
    kind = rng.choice(["utf8", "bom", "cp1252", "utf16", "cr", "json", "semicolon", "binary", "empty", "header-only", "paper"])
    path = os.path.join(folder, "in%d.csv" % index)
    if kind == "paper":
        # Typed-in paper sheets: ids good, lower-case, empty and address-shaped; lines typed,
        # missing, junk and repeated; emails often blank.
        typed = []
        for i, line in enumerate(rows):
            sheet = rng.choice(["FR-261201-001", "fr-261201-002", "", "S-261201-003", "sheet%d@example.org" % i, "bad id"])
            if "@" in sheet:
                emails.add(sheet)
            number = rng.choice([str(i + 1), "", "abc", "0", "2", "99999"])
            if rng.random() < 0.5:
                cells = line.split(",")
                if len(cells) > 6:
                    cells[6] = ""
                line = ",".join(cells)
            typed.append(sheet + "," + number + "," + line)
        data = ("Sheet,Line," + HEADER + "\r\n" + "\r\n".join(typed) + "\r\n").encode()
    elif kind == "bom":
        data = b"\xef\xbb\xbf" + text.encode()
    elif kind == "cp1252":
        data = text.encode("cp1252", "replace")
    elif kind == "utf16":
        data = text.replace(",", "\t").encode("utf-16")
        path = path[:-4] + ".txt"
    elif kind == "cr":
        data = text.replace("\r\n", "\r").encode()
    elif kind == "semicolon":
        data = text.replace(",", ";").encode()
    elif kind == "json":
        objects = [dict(zip(HEADER.split(","), r.split(","))) for r in rows]
        data = json.dumps(objects, ensure_ascii=False).encode()
        path = path[:-4] + ".json"
    elif kind == "binary":
        data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 500)))
    elif kind == "empty":
        data = b""
    else:
        data = (HEADER + "\r\n").encode()
    with open(path, "wb") as f:
        f.write(data)
    return path, kind


def snapshot(folder):
    """Every file under a folder with its SHA-256."""
    state = {}
    if not os.path.isdir(folder):
        return state
    for base, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            with open(path, "rb") as f:
                state[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
    return state


def written_text(folder):
    texts = []
    for base, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            if name.endswith(".pdf"):
                plain = path + ".qdf"
                subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path, plain], capture_output=True)
                if os.path.exists(plain):
                    with open(plain, "rb") as f:
                        texts.append((path, f.read().decode("latin-1")))
                    os.remove(plain)
                texts.append((path + " (text)", subprocess.run(["pdftotext", path, "-"], capture_output=True).stdout.decode("utf-8", "replace")))
            else:
                with open(path, "rb") as f:
                    texts.append((path, f.read().decode("utf-8", "replace")))
    return texts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "embassy-packets"))
    parser.add_argument("--cases", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    embassies = os.path.join(ROOT, "Embassies")
    template = os.path.join(ROOT, "Templates", "letter.xml")
    counts, failures = {}, []
    work = tempfile.mkdtemp(prefix="embassy-packets-hostile-")
    for case in range(args.cases):
        folder = os.path.join(work, "case%d" % case)
        os.makedirs(folder)
        emails = set()
        inputs = [make_input(rng, folder, i, emails) for i in range(rng.randint(1, 3))]
        category = rng.choice(["generate", "generate", "validate", "contacts", "path", "option", "fault", "rerun"])
        out = os.path.join(folder, "out")
        base = ["--embassies", embassies]
        command = ["generate"] + [p for p, _ in inputs] + ["--out", out, "--date", "2026-12-01", "--template", template] + base
        env = dict(os.environ)
        previous = None
        if category == "validate":
            command = ["validate"] + [p for p, _ in inputs] + base + rng.choice([[], ["--out", out], ["--strict"]])
        elif category == "contacts":
            command = ["contacts"] + [p for p, _ in inputs] + ["--out", os.path.join(folder, "contacts.csv")] + base
        elif category == "path":
            target = rng.choice([".", "o", "o/", "./x", "..", "/", inputs[0][0], inputs[0][0] + "/sub", "x" * 250, "", "/proc/nope"])
            command = ["generate", inputs[0][0], "--out", target, "--date", "2026-12-01", "--template", template] + base
        elif category == "option":
            command += rng.choice([["--max-pages", "-1"], ["--jobs", "0"], ["--jobs", "500"], ["--only", "XX"], ["--route", "FR=US"],
                                   ["--route", "TW=US", "--route", "TW=JP"], ["--column", "first=Nope"], ["--date", "2026-02-30"],
                                   ["--encoding", "ebcdic"], ["--date-order", "dmy"], ["--dedup", "name"], ["--columns", "no,city"]])
        elif category == "fault":
            env["SOURCE_DATE_EPOCH"] = rng.choice(["-9223372036854775808", "9223372036854775807", "abc", "1764547200"])
            command = [c for c in command if c not in ("--date", "2026-12-01")]
        elif category == "rerun":
            subprocess.run([args.binary] + command, capture_output=True, cwd=folder, env=env, timeout=300)
            previous = snapshot(out)
            # A second run that must fail: an input that is not text.
            bad = os.path.join(folder, "bad.csv")
            with open(bad, "wb") as f:
                f.write(b"\x00" * 64)
            command = ["generate", bad, "--out", out, "--date", "2026-12-01", "--template", template] + base
        try:
            result = subprocess.run([args.binary] + command, capture_output=True, cwd=folder, env=env, timeout=300)
        except subprocess.TimeoutExpired:
            failures.append((case, category, "hang", command))
            continue
        counts[category] = counts.get(category, 0) + 1
        stderr = result.stderr.decode("utf-8", "replace")
        stdout = result.stdout.decode("utf-8", "replace")
        problems = []
        if result.returncode < 0:
            problems.append("signal %d" % -result.returncode)
        elif result.returncode not in (0, 1, 2):
            problems.append("exit status %d" % result.returncode)
        if result.returncode == 1 and not re.search(r"error: ", stderr):
            problems.append("exit 1 without an error line")
        if "NSCocoaErrorDomain" in stderr or "DecodingError" in stderr or "Fatal error" in stderr:
            problems.append("a Foundation or Swift error dump on stderr")
        manifest = os.path.join(out, "manifest.json")
        if result.returncode == 0 and command[0] == "generate" and os.path.exists(manifest):
            totals = json.load(open(manifest))["totals"]
            if totals["rows"] != totals["accepted"] + totals["duplicates"] + totals["rejected"] or totals["accepted"] != totals["routed"] + totals["unrouted"]:
                problems.append("totals do not reconcile: %s" % totals)
        if previous is not None and result.returncode != 0 and snapshot(out) != previous:
            problems.append("a failed run changed the previous output")
        outputs = [("stdout", stdout), ("stderr", stderr)] + (written_text(out) if os.path.isdir(out) else [])
        for name, text in outputs:
            lowered = text.lower()
            for address in emails:
                if address.lower() in lowered:
                    problems.append("%s holds %s" % (name, address))
                    break
        if problems:
            failures.append((case, category, "; ".join(problems[:3]), command))
        shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    total = sum(counts.values())
    print("hostile cases: %d run (%s), %d broke a rule" % (total, ", ".join("%s %d" % kv for kv in sorted(counts.items())), len(failures)))
    for case, category, problem, command in failures[:20]:
        print("  case %d (%s): %s\n    %s" % (case, category, problem, " ".join(command)[:300]))
    print("%d passed, %d failed" % (total - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
