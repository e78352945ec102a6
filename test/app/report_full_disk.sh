#!/usr/bin/env bash
# -o on a file system that fills up mid-report: exit 2 with the reason, the
# previous report kept, no temporary file left. Needs to mount a small tmpfs
# (root); skipped (77) where mounting is not permitted.
set -u
binary=$1
source_dir=$2
work=$(mktemp -d)
mounted=
cleanup() {
  [ -n "$mounted" ] && umount "$work/disk"
  rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/disk"
if ! mount -t tmpfs -o size=64k tmpfs "$work/disk" 2>/dev/null; then
  echo "SKIP: cannot mount a tmpfs here"
  exit 77
fi
mounted=1
status=0
printf 'previous report\n' >"$work/disk/report.html"
"$binary" analyze "$source_dir/samples/logs" --format html --fail-on never \
  -o "$work/disk/report.html" 2>"$work/err"
rc=$?
expected="iothub-diag: error: cannot write the report to '$work/disk/report.html': No space left on device"
[ $rc -eq 2 ] || { echo "FAIL exit $rc, not 2"; status=1; }
[ "$(tail -n 1 "$work/err")" = "$expected" ] || { echo "FAIL stderr: $(cat "$work/err")"; status=1; }
[ "$(cat "$work/disk/report.html")" = "previous report" ] || { echo "FAIL report changed"; status=1; }
[ "$(ls -A "$work/disk")" = "report.html" ] || { echo "FAIL left: $(ls -A "$work/disk")"; status=1; }
[ $status -eq 0 ] && echo "full disk: all checks passed"
exit $status
