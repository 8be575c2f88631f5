#!/usr/bin/env python3
"""Writes the hostile-export corpus: one set of signers, exported the ways real tools write it.

Run from this folder: python3 make.py  (the LibreOffice files need soffice on PATH).
The expected reconciliation is in expected.json, worked out by hand from ROWS below.
"""
import csv, io, json, os, shutil, subprocess, tempfile

HEADER = ["Timestamp", "First Name", "Last Name", "City", "State or Province", "Country",
          "Email Address", "How may we use your email address?", "Notes"]
T = "2017/03/15 {}:00:00 AM GMT-4"
LONG = "A" * 201
ROWS = [
    # fate in the comment; each is checked by expected.json
    [T.format(1), "Amélie", "Dupont", "Paris", "Île-de-France", "France", "amelie@example.fr", "Count me", "ok"],          # FR
    [T.format(2), "Emily", "O'Brien, Jr.", "Boston", "MA", "United States", "emily@example.com", "Count me", "comma, in notes"],  # US
    [T.format(3), 'Zoë "Zo"', "Bœuf", "Lyon", "Auvergne-Rhône-Alpes", "FRA", "zoe@example.fr", "Count me", ""],         # FR
    [T.format(4), "John", "Smith\nJones", "London", "England", "UK", "john@example.co.uk", "Count me", ""],                # GB
    [T.format(5), "민준", "김", "서울", "서울특별시", "대한민국", "minjun@example.kr", "Count me", ""],                        # KR
    [T.format(6), "太郎", "山田", "東京", "東京都", "日本", "taro@example.jp", "Count me", ""],                                # JP
    [T.format(7), "Иван", "Петров", "Москва", "Москва", "Russia", "ivan@example.ru", "Count me", ""],                     # dup of row 11
    [T.format(8), "محمد", "علي", "القاهرة", "القاهرة", "Egypt", "mohamed@example.eg", "Count me", ""],                   # EG
    [T.format(9), "", "Suharto", "Jakarta", "DKI Jakarta", "Indonesia", "suharto@example.id", "Count me", ""],            # ID
    ["2017/03/16 9:00:00 AM GMT-4", "Amélie", "Dupont", "Paris", "Île-de-France", "France", "  AMELIE@Example.FR ", "", ""],  # dup of row 1
    ["2017/03/14 9:00:00 AM GMT-4", "Ivan", "Petrov", "Moscow", "Moscow", "RU", "Ivan@example.ru", "", ""],            # RU (earlier: kept)
    [T.format(10), "Bad", "Email", "Boston", "MA", "USA", "bad-email", "", ""],                                          # rejected invalid-email
    [T.format(11), "=cmd|' /C calc'!A0", "Formula", "", "Berlin", "Germany", "formula@example.de", "", ""],             # rejected missing-city
    [T.format(11), "Lucy", "Pevensie", "Cair Paravel", "", "Narnia", "lucy@example.org", "", ""],                      # rejected unknown-country
    [T.format(11), "-", ".", "Lyon", "", "France", "punct@example.fr", "", ""],                                        # rejected missing-name
    [T.format(11), LONG, "Long", "Rome", "Lazio", "Italy", "long@example.it", "", ""],                                # rejected name-too-long
    [T.format(11), "家豪", "陳", "台北", "台北市", "Taiwan", "chen@example.tw", "", ""],                                  # unrouted TW
    [T.format(11), "María", "Benítez", "Asunción", "Central", "Paraguay", "maria@example.py", "", ""],                 # unrouted PY
    [T.format(11), "=1+2", "@Lee", "-Köln", "NRW", "DEU", "lee@example.de", "", ""],                                   # DE
    [T.format(11), "Ali\u202e", "Khan\u0007", "Karachi", "Sindh", "Pakistan", "ali@example.pk", "", ""],              # PK
    [T.format(11), "Jane", "Doe", "Austin", "TX", "U.S.A.", "j.doe+petition@gmail.com", "", ""],                       # US
    [T.format(11), "Jane", "Doe", "Austin", "TX", "america", "jdoe@googlemail.com", "", ""],                           # US (gmail: dup)
    ["yesterday", "Liam", "Roy", "Montréal", "Québec", "Canada", "liam@example.ca", "", ""],                           # CA
    [T.format(11), "Thị Hương", "Nguyễn", "Hà Nội", "", "viet nam", "huong@example.vn", "", ""],                        # VN
    [T.format(11), "서연", "이", "부산", "", "Korea, Republic of", "seoyeon@example.kr", "", ""],                         # KR
]


def csv_text(rows, delimiter=",", line="\r\n", header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for index, row in enumerate(rows):
        writer.writerow(row)
        if index == 3:
            out.write(line)                                  # a blank line
            out.write(delimiter * (len(header) - 1) + line)  # a row of empty cells
    return out.getvalue()


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


base = csv_text(ROWS)
write("google-forms.csv", base.encode("utf-8"))
# Shaped like Excel's "CSV UTF-8": a byte-order mark and CRLF.
write("excel-utf8-bom.csv", b"\xef\xbb\xbf" + base.encode("utf-8"))
# Shaped like Excel's "Unicode text": UTF-16LE with a byte-order mark, tab-separated.
write("excel-unicode.txt", b"\xff\xfe" + csv_text(ROWS, delimiter="\t").encode("utf-16-le"))
# Shaped like European Excel: semicolons.
write("excel-semicolon.csv", csv_text(ROWS, delimiter=";").encode("utf-8"))
# Old Mac line ends: records end in CR; the quoted line break inside a name stays LF.
write("classic-mac-cr.csv", base.replace("\r\n", "\r").encode("utf-8"))
# Other headers, other column order, an extra column.
order = [3, 2, 1, 5, 4, 6, 0]
renamed = ["Town", "Surname", "Given name", "Country", "Province", "e-mail", "Submitted at"]
reordered = io.StringIO()
w = csv.writer(reordered, lineterminator="\n")
w.writerow(renamed + ["Comments"])
for row in ROWS:
    w.writerow([row[i] for i in order] + ["x"])
write("platform-export.csv", reordered.getvalue().encode("utf-8"))
# JSON three ways.
keys = HEADER[:7]
objects = [dict(zip(keys, row[:7])) for row in ROWS]
write("form.json", json.dumps(objects, ensure_ascii=False, indent=2).encode("utf-8"))
snake = ["timestamp", "first_name", "last_name", "city", "state_or_province", "country", "email"]
write("wrapped.json", json.dumps({"campaign": "test", "signatures": [dict(zip(snake, row[:7])) for row in ROWS]}, ensure_ascii=False).encode("utf-8"))
write("form.jsonl", "\n".join(json.dumps(dict(zip(snake, row[:7])), ensure_ascii=False) for row in ROWS).encode("utf-8") + b"\n")

# Re-saved by LibreOffice (real runs of soffice): CSV -> ODS -> CSV, and CSV -> XLSX -> CSV.
if shutil.which("soffice"):
    work = tempfile.mkdtemp()
    shutil.copy("google-forms.csv", os.path.join(work, "in.csv"))
    read_utf8 = "CSV:44,34,76,1,,0,false,true,false,false,false"
    for kind in ["ods", "xlsx"]:
        subprocess.run(["soffice", "--headless", "--infilter=" + read_utf8, "--convert-to", kind, "--outdir", work,
                        os.path.join(work, "in.csv")], check=True, capture_output=True)
        out = os.path.join(work, "out-" + kind)
        os.makedirs(out, exist_ok=True)
        subprocess.run(["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", out,
                        os.path.join(work, "in." + kind)], check=True, capture_output=True)
        shutil.copy(os.path.join(out, "in.csv"), "libreoffice-via-" + kind + ".csv")
    shutil.rmtree(work)
