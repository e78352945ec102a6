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

# The files a running analyze ($1) holds open in $work/out: its report, unnamed
# ("#N (deleted)") where the file system has O_TMPFILE, else `.report.json.XXXXXX`.
open_in_out() {
  for fd in /proc/"$1"/fd/*; do readlink "$fd"; done 2>/dev/null | grep -F -- "$work/out/"
}

# A run killed while it reads leaves the previous report and no temporary file:
# SIGKILL too, when the report being written has no name yet.
for signal in TERM HUP KILL; do
  mkfifo "$work/fifo"
  exec 3<>"$work/fifo"  # held open for writing, so the reader waits instead of seeing the end
  "$binary" analyze - --format json -o "$work/out/report.json" <"$work/fifo" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do
    [ -n "$(open_in_out $pid)" ] && break
    sleep 0.05
  done
  held=$(open_in_out $pid)
  [ -n "$held" ] || fail "SIG$signal: no report file open in the target's folder while reading"
  unnamed=0
  case $held in *"(deleted)"*) unnamed=1 ;; esac
  if [ "$signal" = KILL ] && [ $unnamed -eq 0 ]; then
    kill -TERM "$pid"  # a named temporary file is removed by the handlers, not after SIGKILL
  else
    kill -"$signal" "$pid"
  fi
  wait "$pid" 2>/dev/null
  rc=$?
  exec 3>&-
  rm -f "$work/fifo"
  [ $rc -gt 128 ] || fail "SIG$signal: exit $rc, not killed by the signal"
  [ "$(cat "$work/out/report.json")" = "previous report" ] || fail "SIG$signal changed the report"
  [ "$(leftovers)" -eq 0 ] || fail "SIG$signal left a temporary file"
  [ -z "$(find "$work/out" -mindepth 1 ! -name report.json)" ] || fail "SIG$signal left a file"
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
