#!/usr/bin/env bash
# Benchmarks embassy-packets against the Cairo + Pango floor (floor.c) on sampled signatures.
# Not a test: it prints figures. Usage: Benchmarks/run.sh [SIZES...] (default 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
work=${BENCH_DIR:-/tmp/embassy-packets-bench}
mkdir -p "$work"

swift build -c release >/dev/null 2>&1 || swift build -c release
tool=.build/release/embassy-packets
cc -O2 -Wno-format-truncation Benchmarks/floor.c $(pkg-config --cflags --libs pangocairo) -o "$work/floor" 2>/dev/null

# Peak RSS of every embassy-packets process (the run and its rendering workers), sampled.
watch_rss() {
  local out=$1
  : > "$out"
  while sleep 0.2; do echo "--" >> "$out"; ps -C embassy-packets -o pid=,rss= >> "$out" 2>/dev/null || true; done
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
printf '%-9s %9s %9s %10s %9s %8s %12s %12s %12s | %7s %7s %7s %7s | %9s %9s %7s %7s | %9s %9s %7s %7s\n' \
  rows wall_s cpu_s rows/s pages pages/s rss_run_MiB rss_wkr_MiB rss_all_MiB intake valid layout pdf floor_s floor_cpu ratio cpu_ratio \
  tfloor_s tfloor_cpu t_ratio t_cpu_ratio
for n in "${sizes[@]}"; do
  sample="$work/sample-$n.csv"
  [ -f "$sample" ] || "$tool" sample --count "$n" --seed 1 --out "$sample"
  out="$work/out-$n"
  watch_rss "$work/rss-$n.log" & watcher=$!
  /usr/bin/time -f "%e %U %S" -o "$work/time-$n" "$tool" generate "$sample" --out "$out" --date 2026-11-29 --force --json \
    > "$work/summary-$n.json" 2>/dev/null
  kill $watcher 2>/dev/null; wait $watcher 2>/dev/null || true
  read -r wall user sys < "$work/time-$n"
  # The floor draws the same rows, grouped by country as the packets are.
  python3 - "$sample" "$work/floor-$n.tsv" <<'PY'
import csv, sys, json
codes = {"United States": "US", "USA": "US", "South Korea": "KR", "대한민국": "KR", "Korea, Republic of": "KR", "Canada": "CA",
         "United Kingdom": "GB", "UK": "GB", "England": "GB", "Japan": "JP", "日本": "JP", "Australia": "AU", "Germany": "DE",
         "Deutschland": "DE", "France": "FR", "Russia": "RU", "Россия": "RU", "Vietnam": "VN", "Viet Nam": "VN", "Egypt": "EG",
         "India": "IN", "Brazil": "BR", "Brasil": "BR", "Mexico": "MX", "México": "MX", "Philippines": "PH", "Israel": "IL",
         "Thailand": "TH", "New Zealand": "NZ", "South Africa": "ZA", "Nigeria": "NG", "Greece": "GR"}
groups = {}
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    code = codes.get(row["Country"])
    if code:
        groups.setdefault(code, []).append(f"{code}\t{row['First Name']} {row['Last Name']}\t{row['City']}\t{row['State or Province']}\n")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for code in sorted(groups):
        out.writelines(groups[code])
PY
  # The floor twice: untagged, and tagging its tables as the packets are tagged by default
  # (Table, TR, TH/TD per cell), which isolates what Cairo's structure tree costs.
  run_floor() {
    rm -rf "$work/floor-out-$n" && mkdir -p "$work/floor-out-$n"
    local said
    said=$(/usr/bin/time -f "%U %S" -o "$work/floor-time-$n" "$work/floor" "$work/floor-$n.tsv" "$work/floor-out-$n" "$@")
    floor_cpu=$(awk '{print $1 + $2}' "$work/floor-time-$n")
    floor_s=$(echo "$said" | sed -n 's/.* pages, \([0-9.]*\) s.*/\1/p')
  }
  run_floor; plain_s=$floor_s; plain_cpu=$floor_cpu
  run_floor cells; tagged_s=$floor_s; tagged_cpu=$floor_cpu
  python3 - "$n" "$wall" "$user" "$sys" "$work/summary-$n.json" "$work/rss-$n.log" "$plain_s" "$plain_cpu" "$tagged_s" "$tagged_cpu" <<'PY'
import json, sys
n, wall, user, system, summary, rss, floor, floor_cpu, tagged, tagged_cpu = sys.argv[1:]
n, wall, cpu, floor, floor_cpu = int(n), float(wall), float(user) + float(system), float(floor), float(floor_cpu)
tagged, tagged_cpu = float(tagged), float(tagged_cpu)
s = json.load(open(summary))
t = s["timings"]
peaks = {}
together = 0
sample = 0
for line in open(rss):
    parts = line.split()
    if parts == ["--"]:
        together = max(together, sample)
        sample = 0
    elif len(parts) == 2:
        peaks[parts[0]] = max(peaks.get(parts[0], 0), int(parts[1]))
        sample += int(parts[1])
together = max(together, sample)
values = sorted(peaks.values(), reverse=True) + [0, 0]
print(f"{n:<9} {wall:9.2f} {cpu:9.2f} {n / wall:10.0f} {s['pages']:9} {s['pages'] / wall:8.0f} {values[0] / 1024:12.0f} {values[1] / 1024:12.0f} {together / 1024:12.0f} | "
      f"{t['intake']:7.2f} {t['validation']:7.2f} {t['layout']:7.2f} {t['pdf']:7.2f} | {floor:9.2f} {floor_cpu:9.2f} {wall / floor:7.2f} {cpu / floor_cpu:7.2f} | "
      f"{tagged:9.2f} {tagged_cpu:9.2f} {wall / tagged:7.2f} {cpu / tagged_cpu:7.2f}")
PY
done
echo "stage columns: seconds of CPU summed over the rendering processes (layout and pdf) or in the run (intake, validation)"
echo "ratio: embassy-packets' wall time divided by the single-threaded floor's; cpu_ratio: its CPU time (all processes) divided by the floor's"
echo "tfloor, t_ratio, t_cpu_ratio: the same against the floor that tags its tables to the cell, as the packets are by default"
echo "rss_all: the peak of all embassy-packets processes together (sampled every 0.2 s)"

# Unknown values must stay cheap: `validate` on rows whose Country column holds junk (a
# mis-mapped column: postcodes, emails, words) against the same rows with real countries.
# The floor here is the good rows' own time: junk should cost about the same.
n=${JUNK_ROWS:-100000}
good="$work/sample-$n.csv"
[ -f "$good" ] || "$tool" sample --count "$n" --seed 1 --out "$good"
junk="$work/junk-$n.csv"
python3 - "$good" "$junk" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
country = rows[0].index("Country")
words = ["Springfield", "n/a", "Germnay", "xyzzy", "Phillipines", "12345", "Mars", "Atlantis"]
with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(rows[0])
    for index, row in enumerate(rows[1:]):
        # Mostly distinct values, as a mis-mapped column gives: no cache can hide their cost.
        row[country] = f"{words[index % len(words)]} {index}" if index % 3 else f"user{index}@example.org"
        writer.writerow(row)
PY
time_of() { /usr/bin/time -f "%e" -o "$work/t" "$tool" validate "$1" --quiet --allow-mostly-undelivered > /dev/null 2>&1 || true; cat "$work/t"; }
good_s=$(time_of "$good")
junk_s=$(time_of "$junk")
python3 -c "
import sys; n, g, j = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f'validate {n} rows: good countries {g:.2f} s, junk countries {j:.2f} s, ratio junk/good {j / g:.2f}, {1e6 * (j - g) / n:.1f} us extra per junk row')
" "$n" "$good_s" "$junk_s"
