#!/usr/bin/env bash
# Throughput and peak-memory benchmark against jq and DuckDB, in the same
# invocation and on the same files. Each case generates its input once (kept in
# BENCH_DIR), then runs, RUNS times and interleaved so that a change in machine
# load hits every command alike, each run's input read (untimed) just before
# it so that every run reads from the page cache:
#   jq -c 'select(.resultType=="404104")' FILE
#   DuckDB (npm @duckdb/node-api, 2 threads): read_json_auto(FILE) and a count
#     of its 404104 records (bench/duckdb/count_404104.js; left out when node or
#     bench/duckdb/node_modules is missing: scripts/setup.sh --bench installs it)
#   iothub-diag analyze --format json --fail-on never --threads N FILE
# for each N of the threads sweep (1, 2 and the number of cores; "default" is
# no --threads at all); fleet-50k also runs the default analysis as a user
# types it, `iothub-diag analyze FILE` (a text report), the command the 20x jq
# and DuckDB targets are set for. It prints the median and the best time, MB/s and
# records/s of the best run, the peak RSS and the ratios to jq and DuckDB
# (best / best). Before and after each case it prints the load and the heap the
# analyzer chooses then (huge or 4 KiB pages), which moves with the machine's state.
#
# Cases (CASES, default all):
#   busy-hub     2,000 devices, filler records of other categories (>= 200 MB);
#                jq and analyze --threads 1 pinned to core 0, as since the start
#   fleet-50k    50,000 devices over 24 h, 4-hour tokens, up to 8 random drops a
#                day, 0.1 filler records per device and hour (~500 MB)
#   fleet-50k-96h  the same fleet over 96 h (~2.5 GB); after it, the time
#                against fleet-50k's (target at most 4.4x) and the peak RSS
#                against 64 B per record + 40 MiB
#   conn-8k      8,000 devices over 24 h, 31 % on 1-hour tokens, connection
#                records only, no filler (~170 MB)
#   one-device   one device flapping for months: 500,000 connect/404104 cycles
#                (1,000,000 records, bench/one_device.awk), analyzed with
#                --device on it (its whole story in the report; target < 5 s)
#   parse-api    simdjson's DOM against its On-Demand API and against the
#                reader's own fast path (FlatJsonObject) on the reader's work
#                (bench/parse_api.cpp), on conn-8k's JSON Lines and query API answer
#   read-stages  the read's essential work built up a stage at a time, done the
#                plainest way on one core, beside the analyzer's own read on one
#                thread (bench/read_stages.cpp), on fleet-50k's records
#   workspace    conn-8k's records as a Log Analytics workspace gives them back
#                (bench/workspace_shapes.sh: one query API answer, the same
#                rows as a pull saves them in chunks of 100,000, the portal's
#                CSV, and the answer and its rows as the az CLI prints them)
#                beside their JSON Lines, compared in records/s (target: at
#                least 70 % of the JSON Lines rate)
#
#   bench/throughput.sh [BUILD_DIR]      (default: build; Release recommended)
#   RUNS=2 CASES="fleet-50k conn-8k" bench/throughput.sh build-release
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
binary=$build/iothub-diag
runs=${RUNS:-3}
work=${BENCH_DIR:-/tmp/iothub-diag-bench}
cases=${CASES:-busy-hub fleet-50k fleet-50k-96h conn-8k one-device workspace parse-api read-stages}
command -v jq >/dev/null || { echo "bench: jq is needed (apt-get install jq)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed (apt-get install time)" >&2; exit 2; }
[ -x "$binary" ] || { echo "bench: build $binary first (cmake --build $build)" >&2; exit 2; }
cores=$(nproc)
duckdb=""
if command -v node >/dev/null && [ -d bench/duckdb/node_modules/@duckdb/node-api ]; then
  duckdb="node bench/duckdb/count_404104.js"
else
  echo "bench: DuckDB left out (scripts/setup.sh --bench installs it)" >&2
fi

# make_input DIR MIN_MB HOURS SIMULATE_ARGS...: DIR/fleet.jsonl, generated once.
make_input() {
  local dir=$1 min_mb=$2 hours=$3
  shift 3
  if [ ! -s "$dir/fleet.jsonl" ]; then
    mkdir -p "$dir"
    rm -f "$dir/fleet.jsonl" "$dir/ground-truth.json"
    "$binary" simulate -o "$dir" --layout jsonl --hours "$hours" --seed 1 "$@" >&2
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

# The heap the analyzer chooses at this moment (huge or 4 KiB pages: it looks at
# how the machine's free memory lies at each start; docs/ARCHITECTURE.md, "Why
# not X"), as `--timings` says it on the shipped samples: asked before and after
# each case, it brackets the choice its runs made.
heap_choice() {
  "$binary" analyze --fail-on never --timings samples/logs 2>&1 >/dev/null |
    sed -n 's/.*; heap on \(.*\)$/\1/p' | tail -1
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / (b > 0 ? b : 0.01) }'; }

# Best time and peak RSS (KiB) of the last run_case, by label.
declare -A best_of=() rss_of=()

# run_case NAME FILE PIN RECORDS "LABEL|COMMAND[|FILE]"...: runs every command
# RUNS times, interleaved, and prints one row per command. The file is appended
# to each command: FILE, or the command's own. PIN=yes pins to core 0. RECORDS
# counts the records (empty: the lines of FILE).
run_case() {
  local name=$1 file=$2 pin=$3 records=$4
  shift 4
  local bytes mb
  bytes=$(stat -c %s "$file")
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  [ -n "$records" ] || records=$(wc -l <"$file")
  echo
  echo "case $name: $file, $mb MB, $records records; $runs runs each, interleaved$([ "$pin" = yes ] && echo ", pinned to core 0")"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); heap on $(heap_choice)"
  local -a labels=() commands=() files=()
  local spec rest
  for spec in "$@"; do
    labels+=("${spec%%|*}")
    rest=${spec#*|}
    commands+=("${rest%%|*}")
    if [ "$rest" = "${rest#*|}" ]; then files+=("$file"); else files+=("${rest#*|}"); fi
  done
  local -A times=() rss=()
  local r i out
  for r in $(seq "$runs"); do
    for i in "${!commands[@]}"; do
      # Each run reads its input from the page cache, whatever ran before it:
      # the host holds this machine's cache to a few GB, and one case's files
      # push out another's (`fincore` showed 0.55 of the 96 h file's 1.66 GB
      # cached after a run), which made single runs up to twice as slow.
      find "${files[$i]}" -type f -exec cat {} + >/dev/null
      # shellcheck disable=SC2086  # commands are word lists by design
      if [ "$pin" = yes ]; then
        out=$(timed taskset -c 0 ${commands[$i]} "${files[$i]}")
      else
        out=$(timed ${commands[$i]} "${files[$i]}")
      fi
      times[$i]="${times[$i]:-} ${out% *}"
      local k=${out#* }
      [ "$k" -gt "${rss[$i]:-0}" ] && rss[$i]=$k
    done
  done
  echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg); heap on $(heap_choice)"
  printf '%-50s %8s %8s %9s %12s %12s %8s %9s\n' "command" "median s" "best s" "MB/s" "records/s" \
    "peak RSS MB" "vs jq" "vs DuckDB"
  local jq_best="" duck_best=""
  best_of=()
  rss_of=()
  for i in "${!commands[@]}"; do
    local sorted median best file_mb
    sorted=$(printf '%s\n' ${times[$i]} | sort -g)
    median=$(echo "$sorted" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    best=$(echo "$sorted" | awk 'NR == 1')
    case ${labels[$i]} in
      jq*) jq_best=$best ;;
      DuckDB*) duck_best=$best ;;
    esac
    best_of[${labels[$i]}]=$best
    rss_of[${labels[$i]}]=${rss[$i]}
    file_mb=$(du -sb "${files[$i]}" | awk '{ print $1 / 1e6 }')  # a file, or a folder's files
    printf '%-50s %8.2f %8.2f %9.1f %12.0f %12.1f %8s %9s\n' "${labels[$i]}" "$median" "$best" \
      "$(awk -v m="$file_mb" -v s="$best" 'BEGIN { print m / (s > 0 ? s : 0.01) }')" \
      "$(awk -v n="$records" -v s="$best" 'BEGIN { print n / (s > 0 ? s : 0.01) }')" \
      "$(awk -v k="${rss[$i]}" 'BEGIN { print k / 1024 }')" \
      "$([ -n "$jq_best" ] && ratio "$jq_best" "$best" || echo -)" \
      "$([ -n "$duck_best" ] && ratio "$duck_best" "$best" || echo -)"
  done
}

jq_command="jq -c select(.resultType==\"404104\")"
jq_label="jq -c 'select(.resultType==\"404104\")'"
duck_label="DuckDB read_json_auto, count 404104 (2 threads)"
analyze="$binary analyze --format json --fail-on never"
# The baselines of a JSON Lines case: jq, and DuckDB when installed.
baselines() {
  echo "$jq_label|$jq_command"
  [ -z "$duckdb" ] || echo "$duck_label|$duckdb"
}
# The threads sweep of a case.
sweep() {
  echo "iothub-diag analyze --threads 1|$analyze --threads 1"
  echo "iothub-diag analyze --threads 2|$analyze --threads 2"
  echo "iothub-diag analyze (default: $cores threads)|$analyze"
}
fleet_50k=(--devices 50000 --token-lifetimes 240 --random-rate-max 8 --noise 0.1)
fleet_24h_best=""
echo "iothub-diag throughput: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
for name in $cases; do
  case $name in
    busy-hub)
      # 2,000 devices over 24 h, with filler records of other categories, as a busy hub's export looks.
      # In a folder of its own: simulate warns of a folder that holds other files.
      make_input "$work/busy-hub" 200 24 --devices 2000 --noise 10
      run_case "$name" "$work/busy-hub/fleet.jsonl" yes "" \
        "$jq_label|$jq_command" \
        "iothub-diag analyze --threads 1|$analyze --threads 1"
      ;;
    fleet-50k)
      make_input "$work/fleet-50k" 450 24 "${fleet_50k[@]}"
      mapfile -t specs < <(
        baselines
        sweep
        echo "iothub-diag analyze, text report (default)|$binary analyze --fail-on never"
      )
      run_case "$name" "$work/fleet-50k/fleet.jsonl" no "" "${specs[@]}"
      fleet_24h_best=${best_of["iothub-diag analyze (default: $cores threads)"]}
      ;;
    fleet-50k-96h)
      make_input "$work/fleet-50k-96h" 1400 96 "${fleet_50k[@]}"
      mapfile -t specs < <(baselines; sweep)
      run_case "$name" "$work/fleet-50k-96h/fleet.jsonl" no "" "${specs[@]}"
      label="iothub-diag analyze (default: $cores threads)"
      records=$(wc -l <"$work/fleet-50k-96h/fleet.jsonl")
      awk -v r="$records" -v k="${rss_of[$label]}" 'BEGIN {
        printf "peak RSS of the default run: %.1f MiB; 64 B per record + 40 MiB: %.1f MiB (%.1f B per record beyond 40 MiB)\n",
          k / 1024, (64 * r) / 1048576 + 40, (k * 1024 - 40 * 1048576) / r }'
      if [ -n "$fleet_24h_best" ]; then
        echo "96 h against 24 h, default run, best of each: $(ratio "${best_of[$label]}" "$fleet_24h_best") (target at most 4.4x)"
      fi
      ;;
    conn-8k)
      make_input "$work/conn-8k" 150 24 --devices 8000 --token-share 0.31
      mapfile -t specs < <(baselines; sweep)
      run_case "$name" "$work/conn-8k/fleet.jsonl" no "" "${specs[@]}"
      ;;
    one-device)
      file=$work/one-device/fleet.jsonl
      if [ ! -s "$file" ]; then
        mkdir -p "$work/one-device"
        awk -v drops=500000 -v seed=1 -f bench/one_device.awk >"$file.tmp"
        mv "$file.tmp" "$file"
      fi
      mapfile -t specs < <(
        baselines
        echo "iothub-diag analyze (default), no --device|$analyze"
        echo "iothub-diag analyze --device (text)|$binary analyze --fail-on never --device flapping-device"
        echo "iothub-diag analyze --device (JSON)|$analyze --device flapping-device"
      )
      run_case "$name" "$file" no "" "${specs[@]}"
      ;;
    workspace)
      make_input "$work/conn-8k" 150 24 --devices 8000 --token-share 0.31
      dir=$work/conn-8k
      [ -s "$dir/portal.csv" ] && [ -d "$dir/pulled" ] && [ -s "$dir/az-rows.json" ] ||
        bench/workspace_shapes.sh "$dir/fleet.jsonl" "$dir"
      records=$(wc -l <"$dir/fleet.jsonl")
      run_case "$name" "$dir/fleet.jsonl" no "$records" \
        "JSON Lines: analyze --threads 1|$analyze --threads 1" \
        "query API JSON: analyze --threads 1|$analyze --threads 1|$dir/query-api.json" \
        "portal CSV: analyze --threads 1|$analyze --threads 1|$dir/portal.csv" \
        "JSON Lines: analyze (default: $cores threads)|$analyze" \
        "query API JSON: analyze (default: $cores threads)|$analyze|$dir/query-api.json" \
        "portal CSV: analyze (default: $cores threads)|$analyze|$dir/portal.csv" \
        "pulled chunks: analyze (default: $cores threads)|$analyze|$dir/pulled" \
        "az rest (indented): analyze (default: $cores threads)|$analyze|$dir/az-rest.json" \
        "az query rows: analyze (default: $cores threads)|$analyze|$dir/az-rows.json"
      for threads in "--threads 1" "(default: $cores threads)"; do
        jsonl=${best_of["JSON Lines: analyze $threads"]}
        for shape in "query API JSON" "portal CSV" "pulled chunks" "az rest (indented)" "az query rows"; do
          [ -n "${best_of["$shape: analyze $threads"]:-}" ] || continue
          awk -v a="$jsonl" -v b="${best_of["$shape: analyze $threads"]}" -v s="$shape" -v t="$threads" \
            'BEGIN { printf "%s, %s: %.0f %% of the JSON Lines records/s (target at least 70 %%)\n", s, t, 100 * a / b }'
        done
      done
      ;;
    parse-api)
      # simdjson's DOM against On-Demand and the fast path on the reader's work
      # (bench/parse_api.cpp), on conn-8k's records as JSON Lines and as one query API answer.
      make_input "$work/conn-8k" 150 24 --devices 8000 --token-share 0.31
      dir=$work/conn-8k
      [ -s "$dir/query-api.json" ] || bench/workspace_shapes.sh "$dir/fleet.jsonl" "$dir"
      echo
      echo "case $name: $dir/fleet.jsonl and $dir/query-api.json, best of $runs"
      "$build/bench/iothub_diag_parse_api" "$dir/fleet.jsonl" "$dir/query-api.json" "$runs"
      if [ -x "$build/bench/iothub_diag_parse_api_haswell" ] && grep -qw avx2 /proc/cpuinfo; then
        "$build/bench/iothub_diag_parse_api_haswell" "$dir/fleet.jsonl" "$dir/query-api.json" "$runs"
      fi
      ;;
    read-stages)
      # How far the read is from its essential work (bench/read_stages.cpp).
      make_input "$work/fleet-50k" 450 24 "${fleet_50k[@]}"
      echo
      echo "case $name: $work/fleet-50k/fleet.jsonl"
      "$build/bench/iothub_diag_read_stages" "$work/fleet-50k/fleet.jsonl" "$runs"
      ;;
    *) echo "bench: unknown case $name" >&2; exit 2 ;;
  esac
done
