#!/usr/bin/env bash
# Golden CLI test: runs the real binary on samples/ and compares its text,
# JSON, Markdown, CSV and HTML reports (and the French text), and its exit
# code, byte for byte with the checked-in files.
# Regenerate after an intended change with scripts/update-goldens.sh.
set -u
binary=$1
root=$2
cd "$root" || exit 2
expected=samples/expected
status=0

check() {
  local name=$1 want_exit=$2
  shift 2
  local actual
  actual=$(mktemp)
  NO_COLOR=1 "$binary" "$@" >"$actual" 2>/dev/null
  local got_exit=$?
  if [ "$got_exit" -ne "$want_exit" ]; then
    echo "FAIL $name: exit code $got_exit, expected $want_exit"
    status=1
  fi
  if ! diff -u "$expected/$name" "$actual"; then
    echo "FAIL $name: output differs from $expected/$name"
    status=1
  else
    echo "ok   $name"
  fi
  rm -f "$actual"
}

check analyze.txt 1 analyze samples/logs
check analyze.json 1 analyze samples/logs --format json
check analyze.md 1 analyze samples/logs --format markdown
check analyze.csv 1 analyze samples/logs --format csv
check analyze.html 1 analyze samples/logs --format html
check analyze.fr.txt 1 analyze samples/logs --lang fr
# The same logs given file by file in reverse order give the same bytes.
check analyze.json 1 analyze --format json $(find samples/logs -type f | sort -r)
exit $status
