#!/usr/bin/env bash
# Throughput and peak-memory benchmark: generates a JSON Lines file of at least
# 200 MB with `iothub-diag simulate`, then times, in the same invocation and on
# the same file, the baseline `jq -c 'select(.resultType=="404104")'` and
# `iothub-diag analyze`, each pinned to one core. Prints the median of RUNS
# runs (default 5), MB/s, peak RSS and the throughput ratio.
#
#   bench/throughput.sh [BUILD_DIR]      (default: build; Release recommended)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
binary=$build/iothub-diag
runs=${RUNS:-5}
work=${BENCH_DIR:-/tmp/iothub-diag-bench}
command -v jq >/dev/null || { echo "bench: jq is needed (apt-get install jq)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed (apt-get install time)" >&2; exit 2; }
[ -x "$binary" ] || { echo "bench: build $binary first (cmake --build $build)" >&2; exit 2; }

file=$work/fleet.jsonl
if [ ! -s "$file" ]; then
  mkdir -p "$work"
  rm -f "$file" "$work/ground-truth.json"
  # 2,000 devices over 24 h, with filler records of other categories, as a busy hub's export looks.
  "$binary" simulate -o "$work" --layout jsonl --devices 2000 --hours 24 --noise 10 --seed 1 >&2
fi
bytes=$(stat -c %s "$file")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
if [ "$bytes" -lt 200000000 ]; then echo "bench: $file is only $mb MB" >&2; exit 2; fi

# Runs a command RUNS times on one core; prints "median_seconds max_rss_kb".
measure() {
  local times=() rss=0
  for _ in $(seq "$runs"); do
    local out
    local status=0
    /usr/bin/time -o "$work/time.txt" -f '%e %M' taskset -c 0 "$@" >/dev/null 2>&1 || status=$?
    # jq and analyze exit 0 or 1 (findings) when they work; anything else is a failed run.
    if [ "$status" -gt 1 ]; then echo "bench: '$*' failed with exit code $status" >&2; exit 2; fi
    out=$(tail -1 "$work/time.txt")
    times+=("${out% *}")
    local r=${out#* }
    [ "$r" -gt "$rss" ] && rss=$r
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
  echo "$median $rss"
}

echo "input: $file, $mb MB, $(wc -l <"$file") records; $runs runs each, median, pinned to core 0"
read -r jq_s jq_rss < <(measure jq -c 'select(.resultType=="404104")' "$file")
read -r an_s an_rss < <(measure "$binary" analyze --format json --fail-on never "$file")
printf '%-44s %8s %9s %12s\n' "command" "seconds" "MB/s" "peak RSS MB"
printf '%-44s %8.2f %9.1f %12.1f\n' "jq -c 'select(.resultType==\"404104\")'" "$jq_s" \
  "$(awk -v m="$mb" -v s="$jq_s" 'BEGIN { print m / s }')" "$(awk -v k="$jq_rss" 'BEGIN { print k / 1024 }')"
printf '%-44s %8.2f %9.1f %12.1f\n' "iothub-diag analyze" "$an_s" \
  "$(awk -v m="$mb" -v s="$an_s" 'BEGIN { print m / s }')" "$(awk -v k="$an_rss" 'BEGIN { print k / 1024 }')"
awk -v j="$jq_s" -v a="$an_s" 'BEGIN { printf "throughput ratio (analyze / jq): %.1fx\n", j / a }'
