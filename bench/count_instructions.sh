#!/usr/bin/env bash
# The instructions two or more builds of the analyzer execute on one input,
# counted by valgrind's cachegrind: the same count run after run, where the
# times bench/compare_builds.sh prints move by several per cent on a shared
# machine. A change worth 1 or 2 % of the work shows here when it is lost in
# the times' noise; whether it saves time is still for compare_builds.sh to say
# (a cache miss or a page fault costs time and no instruction).
#
# Prints, for each binary, its total, the count and share of each of its TOP
# (default 15) most executed functions, and whether its report (the text report,
# or what the options ask for) is the same bytes as the first binary's.
#
#   bench/count_instructions.sh FILE BINARY... [-- ANALYZE_OPTIONS...]
#   head -50000 fleet.jsonl > sample.jsonl
#   TOP=30 bench/count_instructions.sh sample.jsonl old/iothub-diag build/iothub-diag
#
# Under valgrind a run takes 30 to 50 times as long: give it a sample of tens of
# thousands of records. Each run has IOTHUB_DIAG_HUGE_PAGES=no (choosing the
# huge-page heap starts the program again, which valgrind does not follow) and,
# unless the options name --threads, --threads 1: valgrind runs one thread at a
# time, and how long one waits for another would move the count.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: bench/count_instructions.sh FILE BINARY... [-- ANALYZE_OPTIONS...]" >&2
  exit 2
fi
command -v valgrind >/dev/null || {
  echo "count_instructions: valgrind is needed (scripts/setup.sh --bench)" >&2
  exit 2
}
file=$1
shift
binaries=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  binaries+=("$1")
  shift
done
[ $# -gt 0 ] && shift
options=("$@")
[[ " ${options[*]:-} " == *" --threads"* ]] || options+=(--threads 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for index in "${!binaries[@]}"; do
  binary=${binaries[$index]}
  status=0
  IOTHUB_DIAG_HUGE_PAGES=no valgrind --tool=cachegrind --cache-sim=no \
    --cachegrind-out-file="$work/counts.$index" "$binary" analyze "${options[@]}" "$file" \
    >"$work/report.$index" 2>"$work/valgrind.$index" || status=$?
  # 0, or 1 when findings are reported: anything else is a failed run.
  if [ "$status" -gt 1 ]; then
    echo "count_instructions: $binary failed with exit code $status" >&2
    tail -5 "$work/valgrind.$index" >&2
    exit 2
  fi
  total=$(cg_annotate "$work/counts.$index" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
  same=same
  cmp -s "$work/report.0" "$work/report.$index" || same=different
  printf "%s: %s instructions; report %s as %s's\n" "$binary" "$total" "$same" "${binaries[0]}"
  # The functions' lines: count (share) file:function; the function's name cut to fit a line.
  cg_annotate "$work/counts.$index" |
    awk -v top="${TOP:-15}" '/file:function/ { listing = 1; getline; next }
      listing && NF >= 3 && shown < top {
        name = $0
        share = ""
        if (match(name, /\( *[0-9.]+%\)/)) share = substr(name, RSTART + 1, RLENGTH - 2)
        sub(/^ *[0-9,]+ +\([^)]*\) +/, "", name)
        sub(/^[^:]*:/, "", name)
        gsub(/ /, "", share)
        printf "  %14s %7s  %.100s\n", $1, share, name
        shown++
      }'
done
