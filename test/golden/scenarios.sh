#!/usr/bin/env bash
# Scenario test: every folder under test/golden/scenarios/ is one command line
# of the real binary. `cmd` holds the arguments after `iothub-diag` (shell
# words, paths relative to the folder); the command runs from the folder with
# NO_COLOR=1 and must print expected.out on stdout and expected.err on stderr,
# byte for byte, and exit with expected.rc. Stderr is part of the contract.
#
#   scenarios.sh BINARY SCENARIOS_DIR           check every scenario
#   scenarios.sh BINARY SCENARIOS_DIR --update  rewrite the expected files
#   scenarios.sh BINARY SCENARIOS_DIR NAME...   check only these scenarios
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scenarios=$(cd "$2" && pwd)
shift 2
update=0
if [ "${1:-}" = --update ]; then
  update=1
  shift
fi

# The binary is run as `iothub-diag` found on PATH, so argv[0] never shows a build path.
bin_dir=$(mktemp -d)
actual=$(mktemp -d)
trap 'rm -rf "$bin_dir" "$actual"' EXIT
ln -s "$binary" "$bin_dir/iothub-diag"

if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for dir in "$scenarios"/*/; do names+=("$(basename "$dir")"); done
fi

failed=0
passed=0
for name in "${names[@]}"; do
  dir=$scenarios/$name
  if [ ! -f "$dir/cmd" ]; then
    echo "FAIL $name: no cmd file in $dir"
    failed=$((failed + 1))
    continue
  fi
  # cmd is checked-in test data: shell words, so quoted arguments keep their spaces.
  eval "args=($(<"$dir/cmd"))"
  (cd "$dir" && NO_COLOR=1 PATH="$bin_dir:$PATH" iothub-diag "${args[@]}" \
    >"$actual/out" 2>"$actual/err")
  echo $? >"$actual/rc"
  if [ $update -eq 1 ]; then
    for part in out err rc; do cp "$actual/$part" "$dir/expected.$part"; done
    echo "wrote $name"
    continue
  fi
  ok=1
  for part in rc out err; do
    if ! diff -u --label "$name/expected.$part" --label "$name: actual $part" \
      "$dir/expected.$part" "$actual/$part"; then
      ok=0
    fi
  done
  if [ $ok -eq 1 ]; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name: iothub-diag $(<"$dir/cmd")  (from $dir)"
    failed=$((failed + 1))
  fi
done

[ $update -eq 1 ] && exit 0
echo "$passed scenarios passed, $failed failed"
[ $failed -eq 0 ]
