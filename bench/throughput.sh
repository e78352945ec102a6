#!/usr/bin/env bash
# Throughput and peak-memory benchmark against jq, in the same invocation and
# on the same files. Each case generates its JSON Lines file once with
# `iothub-diag simulate` (kept in BENCH_DIR), then runs, RUNS times and
# interleaved so that a change in machine load hits every command alike:
#   jq -c 'select(.resultType=="404104")' FILE
#   iothub-diag analyze --format json --fail-on never --threads N FILE
# for each N of the threads sweep (1, 2 and the number of cores; "default" is
# no --threads at all). It prints the median and the best time, MB/s and
# records/s of the best run, the peak RSS and the ratio to jq (best / best).
#
# Cases (CASES, default all three):
#   busy-hub   2,000 devices, filler records of other categories (>= 200 MB);
#              jq and analyze --threads 1 pinned to core 0, as since the start
#   fleet-50k  50,000 devices over 24 h, 4-hour tokens, up to 8 random drops a
#              day, 0.1 filler records per device and hour (~640 MB)
#   conn-8k    8,000 devices over 24 h, 31 % on 1-hour tokens, connection
#              records only, no filler (~173 MB)
#
#   bench/throughput.sh [BUILD_DIR]      (default: build; Release recommended)
#   RUNS=2 CASES="fleet-50k conn-8k" bench/throughput.sh build-release
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
binary=$build/iothub-diag
runs=${RUNS:-3}
work=${BENCH_DIR:-/tmp/iothub-diag-bench}
cases=${CASES:-busy-hub fleet-50k conn-8k}
command -v jq >/dev/null || { echo "bench: jq is needed (apt-get install jq)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed (apt-get install time)" >&2; exit 2; }
[ -x "$binary" ] || { echo "bench: build $binary first (cmake --build $build)" >&2; exit 2; }
cores=$(nproc)

# make_input DIR MIN_MB SIMULATE_ARGS...: DIR/fleet.jsonl, generated once.
make_input() {
  local dir=$1 min_mb=$2
  shift 2
  if [ ! -s "$dir/fleet.jsonl" ]; then
    mkdir -p "$dir"
    rm -f "$dir/fleet.jsonl" "$dir/ground-truth.json"
    "$binary" simulate -o "$dir" --layout jsonl --hours 24 --seed 1 "$@" >&2
  fi
  local bytes
  bytes=$(stat -c %s "$dir/fleet.jsonl")
  if [ "$bytes" -lt $((min_mb * 1000000)) ]; then
    echo "bench: $dir/fleet.jsonl is only $((bytes / 1000000)) MB" >&2
    exit 2
  fi
}

# One timed run: prints "seconds max_rss_kb".
timed() {
  local status=0
  /usr/bin/time -o "$work/time.txt" -f '%e %M' "$@" >/dev/null 2>&1 || status=$?
  # jq and analyze exit 0 or 1 (findings) when they work; anything else is a failed run.
  if [ "$status" -gt 1 ]; then echo "bench: '$*' failed with exit code $status" >&2; exit 2; fi
  tail -1 "$work/time.txt"
}

# run_case NAME FILE PIN "LABEL|COMMAND"...: runs every command RUNS times,
# interleaved, and prints one row per command. PIN=yes pins to core 0.
run_case() {
  local name=$1 file=$2 pin=$3
  shift 3
  local bytes mb records
  bytes=$(stat -c %s "$file")
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  records=$(wc -l <"$file")
  echo
  echo "case $name: $file, $mb MB, $records records; $runs runs each, interleaved$([ "$pin" = yes ] && echo ", pinned to core 0")"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local -a labels=() commands=()
  local spec
  for spec in "$@"; do
    labels+=("${spec%%|*}")
    commands+=("${spec#*|}")
  done
  local -A times=() rss=()
  local r i out
  for r in $(seq "$runs"); do
    for i in "${!commands[@]}"; do
      # shellcheck disable=SC2086  # commands are word lists by design
      if [ "$pin" = yes ]; then out=$(timed taskset -c 0 ${commands[$i]} "$file"); else out=$(timed ${commands[$i]} "$file"); fi
      times[$i]="${times[$i]:-} ${out% *}"
      local k=${out#* }
      [ "$k" -gt "${rss[$i]:-0}" ] && rss[$i]=$k
    done
  done
  echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-46s %8s %8s %9s %12s %12s %8s\n' "command" "median s" "best s" "MB/s" "records/s" "peak RSS MB" "vs jq"
  local jq_best=""
  for i in "${!commands[@]}"; do
    local sorted median best
    sorted=$(printf '%s\n' ${times[$i]} | sort -g)
    median=$(echo "$sorted" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    best=$(echo "$sorted" | awk 'NR == 1')
    [ -z "$jq_best" ] && jq_best=$best
    printf '%-46s %8.2f %8.2f %9.1f %12.0f %12.1f %7.1fx\n' "${labels[$i]}" "$median" "$best" \
      "$(awk -v m="$mb" -v s="$best" 'BEGIN { print m / (s > 0 ? s : 0.01) }')" \
      "$(awk -v n="$records" -v s="$best" 'BEGIN { print n / (s > 0 ? s : 0.01) }')" \
      "$(awk -v k="${rss[$i]}" 'BEGIN { print k / 1024 }')" \
      "$(awk -v j="$jq_best" -v s="$best" 'BEGIN { print j / (s > 0 ? s : 0.01) }')"
  done
}

jq_command="jq -c select(.resultType==\"404104\")"
analyze="$binary analyze --format json --fail-on never"
echo "iothub-diag throughput: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
for name in $cases; do
  case $name in
    busy-hub)
      # 2,000 devices over 24 h, with filler records of other categories, as a busy hub's export looks.
      make_input "$work" 200 --devices 2000 --noise 10
      run_case "$name" "$work/fleet.jsonl" yes \
        "jq -c 'select(.resultType==\"404104\")'|$jq_command" \
        "iothub-diag analyze --threads 1|$analyze --threads 1"
      ;;
    fleet-50k)
      make_input "$work/fleet-50k" 550 --devices 50000 --token-lifetimes 240 --random-rate-max 8 --noise 0.1
      run_case "$name" "$work/fleet-50k/fleet.jsonl" no \
        "jq -c 'select(.resultType==\"404104\")'|$jq_command" \
        "iothub-diag analyze --threads 1|$analyze --threads 1" \
        "iothub-diag analyze --threads 2|$analyze --threads 2" \
        "iothub-diag analyze (default: $cores threads)|$analyze"
      ;;
    conn-8k)
      make_input "$work/conn-8k" 150 --devices 8000 --token-share 0.31
      run_case "$name" "$work/conn-8k/fleet.jsonl" no \
        "jq -c 'select(.resultType==\"404104\")'|$jq_command" \
        "iothub-diag analyze --threads 1|$analyze --threads 1" \
        "iothub-diag analyze --threads 2|$analyze --threads 2" \
        "iothub-diag analyze (default: $cores threads)|$analyze"
      ;;
    *) echo "bench: unknown case $name" >&2; exit 2 ;;
  esac
done
