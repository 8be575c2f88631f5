#!/usr/bin/env bash
# Builds the libFuzzer targets with -sanitize=fuzzer,address and runs each for SECONDS
# (default 60), each with its format's dictionary (Fuzz/dict) and a seed corpus made from
# the repository's fixtures (the real-export shapes of Tests/EmbassyPacketsTests/Fixtures).
# Crashes are written to Fuzz/findings/; the corpus grows in Fuzz/corpus/ across runs.
# Prints, per target: executions, executions per second, coverage (edges and features),
# corpus size, peak memory and findings.
#
# Usage: Fuzz/run.sh [SECONDS] [TARGET...]
#   PARALLEL=1  runs the targets at once (each at nice 19), instead of one after another.
#   MAX_LEN     the longest input tried (default 8192 bytes).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzCSV FuzzJSON FuzzContainer FuzzTemplate FuzzDirectory)
max_len=${MAX_LEN:-8192}
swift build -c release --scratch-path "$root/.build-fuzz" -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -E "error|Build complete" | tail -3
bin="$root/.build-fuzz/release"
fixtures="$root/Tests/EmbassyPacketsTests/Fixtures"
mkdir -p findings corpus logs

# The first byte of a CSV, JSON or container input chooses how the harness reads the rest
# (see each target's main.swift): seeds get a 0 byte (detected encoding, .csv / .json / .zip)
# and, for CSV, also 0x0B (.tsv) where the file is tab-separated.
prefixed() { # prefixed BYTE SOURCE DEST
  { printf "\\x$1"; head -c "$max_len" "$2"; } > "$3"
}
seed() {
  local target=$1 dir=corpus/$1 file
  mkdir -p "$dir"
  case $target in
    FuzzCSV)
      for file in "$root"/Samples/signatures.csv "$fixtures"/exports/*.csv "$fixtures"/hostile/*.csv "$fixtures"/hostile/*.txt "$fixtures"/scripts.csv; do
        prefixed 00 "$file" "$dir/seed-$(basename "$file")"
      done
      prefixed 0B "$fixtures/hostile/excel-unicode.txt" "$dir/seed-tab-excel-unicode.txt" ;;
    FuzzJSON)
      for file in "$root"/Samples/signatures.json "$fixtures"/hostile/*.json; do prefixed 00 "$file" "$dir/seed-$(basename "$file")"; done
      prefixed 01 "$fixtures/hostile/form.jsonl" "$dir/seed-form.jsonl" ;;
    FuzzContainer)
      for file in "$fixtures"/containers/*.zip "$fixtures"/exports/*.zip; do prefixed 00 "$file" "$dir/seed-$(basename "$file" | tr ' ' _)"; done
      for file in "$fixtures"/containers/*.xlsx "$fixtures"/exports/*.xlsx; do prefixed 01 "$file" "$dir/seed-x-$(basename "$file")"; done ;;
    FuzzTemplate) cp "$root"/Templates/*.xml "$dir"/ ;;
    FuzzDirectory) for c in US GB JP KR FR MC TW PY AU CA DE IN; do cp "$root/Embassies/$c.xml" "$dir/"; done ;;
  esac
}
dictionary() {
  case $1 in
    FuzzCSV) echo dict/csv.dict ;;
    FuzzJSON) echo dict/json.dict ;;
    FuzzContainer) echo dict/zip.dict ;;
    FuzzTemplate) echo dict/template.xml.dict ;;
    FuzzDirectory) echo dict/directory.xml.dict ;;
  esac
}
run() {
  local target=$1
  local -a options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len"
    -dict="$(dictionary "$target")" -artifact_prefix="findings/$target-" -print_final_stats=1)
  FUZZ_ROOT="$root" nice -n "${NICE:-0}" "$bin/$target" "${options[@]}" "corpus/$target" > "logs/$target.log" 2>&1 || true
}
report() {
  local target=$1 log=logs/$1.log
  local done_line cov ft corp execs rate rss crashes
  done_line=$(grep -E "^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)" "$log" | tail -1 || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+) .*/\1/p' <<<"$done_line")
  ft=$(sed -nE 's/.* ft: ([0-9]+) .*/\1/p' <<<"$done_line")
  corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9a-zA-Z]+) .*/\1/p' <<<"$done_line")
  execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log")
  rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log")
  rss=$(sed -nE 's/^stat::peak_rss_mb: *([0-9]+)/\1/p' "$log")
  crashes=$(ls findings 2>/dev/null | grep -c "^$target-" || true)
  echo "$target: ${execs:-?} executions in ${seconds} s, ${rate:-?}/s; coverage ${cov:-?} edges, ${ft:-?} features; corpus ${corp:-?}; peak ${rss:-?} MB; findings ${crashes}"
  grep -E "^==[0-9]+==ERROR|^SUMMARY" "$log" | head -3 || true
}
for target in "${targets[@]}"; do seed "$target"; done
if [ "${PARALLEL:-0}" = 1 ]; then
  NICE=${NICE:-19}
  for target in "${targets[@]}"; do run "$target" & done
  wait
else
  for target in "${targets[@]}"; do run "$target"; done
fi
for target in "${targets[@]}"; do report "$target"; done
ls findings 2>/dev/null | sed 's/^/finding: /' || true
