#!/usr/bin/env bash
# Two or more builds of the analyzer on one input, interleaved: each round runs
# every binary once, in an order reversed every other round, so that neither
# the machine's drift nor the memory the previous run left behind favours one.
# Prints, for each binary, the median wall, user and system seconds and the
# median peak RSS (KiB) of its runs, then every wall time.
#
#   bench/compare_builds.sh ROUNDS FILE BINARY... [-- ANALYZE_OPTIONS...]
#   GLIBC_TUNABLES=glibc.malloc.hugetlb=0 bench/compare_builds.sh 10 fleet.jsonl old/iothub-diag build/iothub-diag
#   bench/compare_builds.sh 6 fleet.jsonl old/iothub-diag build/iothub-diag -- --threads 1
#   BEFORE="jq -c 'select(.resultType==\"404104\")' fleet.jsonl" bench/compare_builds.sh 3 \
#     fleet.jsonl "env IOTHUB_DIAG_HUGE_PAGES=yes build/iothub-diag" \
#     "env IOTHUB_DIAG_HUGE_PAGES=no build/iothub-diag"
#
# A BINARY is split into words, so it may be a command that sets the
# environment (`env NAME=VALUE binary`). The environment passes through: set
# GLIBC_TUNABLES as above to give every build the same heap (4 KiB pages),
# whatever each would choose on its own. BEFORE, when set, is a shell command
# run (untimed, its output dropped) before every timed run, as the throughput
# benchmark runs jq and DuckDB between the analyzer's runs.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: bench/compare_builds.sh ROUNDS FILE BINARY... [-- ANALYZE_OPTIONS...]" >&2
  exit 2
fi
[ -x /usr/bin/time ] || { echo "compare_builds: GNU time is needed (apt-get install time)" >&2; exit 2; }
rounds=$1
file=$2
shift 2
binaries=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  binaries+=("$1")
  shift
done
[ $# -gt 0 ] && shift
options=("$@")
times=$(mktemp)
trap 'rm -f "$times"' EXIT

declare -A wall=() user=() system=() rss=()
for round in $(seq "$rounds"); do
  order=("${binaries[@]}")
  if [ $((round % 2)) -eq 1 ]; then
    order=()
    for ((i = ${#binaries[@]} - 1; i >= 0; i--)); do order+=("${binaries[$i]}"); done
  fi
  for binary in "${order[@]}"; do
    [ -z "${BEFORE:-}" ] || bash -c "$BEFORE" >/dev/null 2>&1 || true
    status=0
    # shellcheck disable=SC2086  # a binary may be a command of several words
    /usr/bin/time -o "$times" -f '%e %U %S %M' $binary analyze "${options[@]}" --format json \
      --fail-on never "$file" >/dev/null 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then echo "compare_builds: $binary failed with exit code $status" >&2; exit 2; fi
    read -r w u s m <"$times"
    wall[$binary]="${wall[$binary]:-} $w"
    user[$binary]="${user[$binary]:-} $u"
    system[$binary]="${system[$binary]:-} $s"
    rss[$binary]="${rss[$binary]:-} $m"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "$file, $rounds rounds, options: ${options[*]:-(none)}"
for binary in "${binaries[@]}"; do
  echo "$binary: wall $(echo "${wall[$binary]}" | median) s, user $(echo "${user[$binary]}" | median) s," \
    "system $(echo "${system[$binary]}" | median) s, peak RSS $(echo "${rss[$binary]}" | median) KiB" \
    "(wall:${wall[$binary]})"
done
