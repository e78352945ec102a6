#!/usr/bin/env bash
# The heap on huge pages (core/huge_page_heap.cpp): where the system grants
# them on request and IOTHUB_DIAG_HUGE_PAGES=yes (or auto, the default, finds
# few small free blocks), the binary starts again with glibc.malloc.hugetlb=1,
# unless the user set that tunable; the report's bytes and a piped standard
# input are the same either way. Skipped (77) where THP is not `madvise`.
set -u
binary=$1
source_dir=$2
grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || {
  echo "SKIP transparent huge pages are not in madvise mode here"
  exit 77
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() {
  echo "FAIL $*"
  status=1
}
logs=$source_dir/samples/logs
# run NAME TUNABLES CHOICE: the report on stdout, the timings line on stderr.
run() {
  if [ -n "$2" ]; then
    GLIBC_TUNABLES=$2 IOTHUB_DIAG_HUGE_PAGES=$3 "$binary" analyze "$logs" --format json \
      --fail-on never --timings >"$work/$1.json" 2>"$work/$1.err"
  else
    env -u GLIBC_TUNABLES IOTHUB_DIAG_HUGE_PAGES=$3 "$binary" analyze "$logs" --format json \
      --fail-on never --timings >"$work/$1.json" 2>"$work/$1.err"
  fi || fail "$1: exit code $?"
}
run unset "" yes
run off glibc.malloc.hugetlb=0 yes
run other glibc.malloc.check=0 yes
run no "" no
run auto "" auto
grep -q 'heap on huge pages' "$work/unset.err" || fail "no tunable: $(cat "$work/unset.err")"
grep -q 'heap on 4 KiB pages' "$work/off.err" || fail "hugetlb=0 set by the user: $(cat "$work/off.err")"
grep -q 'heap on huge pages' "$work/other.err" || fail "another tunable set: $(cat "$work/other.err")"
grep -q 'heap on 4 KiB pages' "$work/no.err" || fail "IOTHUB_DIAG_HUGE_PAGES=no: $(cat "$work/no.err")"
grep -q 'heap on' "$work/auto.err" || fail "IOTHUB_DIAG_HUGE_PAGES=auto: $(cat "$work/auto.err")"
for name in off other no auto; do
  cmp -s "$work/unset.json" "$work/$name.json" || fail "the report differs ($name)"
done
# Standard input is the same descriptor after the second start.
first=$(find "$logs/insights-logs-connections" -type f -name PT1H.json | sort | head -1)
env -u GLIBC_TUNABLES IOTHUB_DIAG_HUGE_PAGES=yes "$binary" analyze --format json --fail-on never - \
  <"$first" >"$work/pipe.json" || fail "stdin: exit code $?"
GLIBC_TUNABLES=glibc.malloc.hugetlb=0 "$binary" analyze --format json --fail-on never - <"$first" \
  >"$work/pipe-off.json" || fail "stdin, hugetlb=0: exit code $?"
cmp -s "$work/pipe.json" "$work/pipe-off.json" || fail "a piped input reads differently"
grep -q '"records": [1-9]' "$work/pipe.json" || fail "nothing read from the pipe"
[ "$status" -eq 0 ] && echo "ok: huge page heap, same bytes, stdin kept"
exit "$status"
