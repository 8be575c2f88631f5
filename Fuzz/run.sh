#!/usr/bin/env bash
# Builds the libFuzzer targets with -sanitize=fuzzer,address and runs each for SECONDS
# (default 60), seeded from the test fixtures. Crashes are written to Fuzz/findings/.
# Usage: Fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzCSV FuzzJSON FuzzTemplate FuzzDirectory)
swift build -c release --scratch-path "$root/.build-fuzz" -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -E "error|Compiling|Build complete" | tail -3
bin="$root/.build-fuzz/release"
mkdir -p findings corpus
seed() {
  local target=$1 dir=corpus/$1
  mkdir -p "$dir"
  case $target in
    FuzzCSV) cp "$root"/Samples/signatures.csv "$root"/Tests/EmbassyPacketsTests/Fixtures/hostile/*.csv "$root"/Tests/EmbassyPacketsTests/Fixtures/hostile/*.txt "$root"/Tests/EmbassyPacketsTests/Fixtures/*.csv "$dir"/ ;;
    FuzzJSON) cp "$root"/Samples/signatures.json "$root"/Tests/EmbassyPacketsTests/Fixtures/hostile/*.json* "$dir"/ ;;
    FuzzTemplate) cp "$root"/Templates/*.xml "$dir"/ ;;
    FuzzDirectory) for c in US GB JP KR FR MC TW PY; do cp "$root/Embassies/$c.xml" "$dir/"; done ;;
  esac
}
for target in "${targets[@]}"; do
  seed "$target"
  echo "== $target: $seconds s"
  FUZZ_ROOT="$root" "$bin/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -artifact_prefix="findings/$target-" -print_final_stats=1 "corpus/$target" 2>&1 \
    | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|==.*ERROR|SUMMARY)" || true
done
ls findings 2>/dev/null | sed 's/^/finding: /' || true
