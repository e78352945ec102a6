#!/usr/bin/env bash
# Every write of the analyze report is checked: a full device or a closed
# standard output is exit 2 with the reason on stderr, and -o FILE is replaced
# only by a whole report (a failed or killed run leaves the previous one).
set -u
binary=$1
source_dir=$2
logs=$source_dir/samples/logs
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
status=0

fail() {
  echo "FAIL $*"
  status=1
}

# The only files left in $work/out besides the report: must be none.
leftovers() {
  find "$work/out" -name '.report.json.*' | wc -l
}

expect_error() {  # name, exit code, stderr file, expected last line
  local name=$1 rc=$2 err=$3 line=$4
  [ "$rc" -eq 2 ] || fail "$name: exit $rc, not 2"
  [ "$(tail -n 1 "$err")" = "$line" ] || fail "$name: stderr was: $(cat "$err")"
}

if [ -w /dev/full ]; then
  "$binary" analyze "$logs" --format json --fail-on never >/dev/full 2>"$work/err"
  expect_error "/dev/full" $? "$work/err" \
    "iothub-diag: error: cannot write the report to standard output: No space left on device"
  "$binary" analyze "$logs" --fail-on warning >/dev/full 2>"$work/err"
  expect_error "/dev/full with findings" $? "$work/err" \
    "iothub-diag: error: cannot write the report to standard output: No space left on device"
fi

if [ -w /dev/full ]; then
  "$binary" rules >/dev/full 2>"$work/err"
  expect_error "rules >/dev/full" $? "$work/err" \
    "iothub-diag: error: cannot write the rule list to standard output: No space left on device"
fi

"$binary" analyze "$logs" --format json --fail-on never >&- 2>"$work/err"
expect_error "closed stdout" $? "$work/err" \
  "iothub-diag: error: cannot write the report to standard output: Bad file descriptor"

mkdir -p "$work/out" "$work/empty"
printf 'previous report\n' >"$work/out/report.json"

# A run that fails (nothing to read) leaves the previous report as it was.
"$binary" analyze "$work/empty" --format json -o "$work/out/report.json" 2>"$work/err"
rc=$?
[ $rc -eq 2 ] || fail "failed run: exit $rc, not 2"
[ "$(cat "$work/out/report.json")" = "previous report" ] || fail "failed run changed the report"
[ "$(leftovers)" -eq 0 ] || fail "failed run left a temporary file"

# A run killed while it reads leaves the previous report and no temporary file.
for signal in TERM HUP; do
  mkfifo "$work/fifo"
  exec 3<>"$work/fifo"  # held open for writing, so the reader waits instead of seeing the end
  "$binary" analyze - --format json -o "$work/out/report.json" <"$work/fifo" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do
    [ "$(leftovers)" -gt 0 ] && break
    sleep 0.05
  done
  [ "$(leftovers)" -gt 0 ] || fail "SIG$signal: no temporary file beside the target while reading"
  kill -"$signal" "$pid"
  wait "$pid" 2>/dev/null
  rc=$?
  exec 3>&-
  rm -f "$work/fifo"
  [ $rc -gt 128 ] || fail "SIG$signal: exit $rc, not killed by the signal"
  [ "$(cat "$work/out/report.json")" = "previous report" ] || fail "SIG$signal changed the report"
  [ "$(leftovers)" -eq 0 ] || fail "SIG$signal left a temporary file"
done

# A run that succeeds replaces the report whole: the bytes of standard output.
"$binary" analyze "$logs" --format json --fail-on never >"$work/stdout.json" 2>/dev/null
(umask 022 && "$binary" analyze "$logs" --format json --fail-on never -o "$work/out/report.json")
rc=$?
[ $rc -eq 0 ] || fail "-o run: exit $rc"
cmp -s "$work/stdout.json" "$work/out/report.json" || fail "-o report differs from stdout's"
[ "$(stat -c %a "$work/out/report.json")" = 644 ] || fail "-o report mode $(stat -c %a "$work/out/report.json")"
[ "$(leftovers)" -eq 0 ] || fail "-o run left a temporary file"

[ $status -eq 0 ] && echo "report writes: all checks passed"
exit $status
