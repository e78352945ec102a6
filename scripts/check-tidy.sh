#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy: bugprone-*, performance-*) over
# every source file of the library, the tool and the benchmark, using the
# compile commands of a configured build. Any finding fails.
#   scripts/check-tidy.sh [BUILD_DIR]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
command -v run-clang-tidy >/dev/null || { echo "check-tidy: clang-tidy is needed (apt-get install clang-tidy)" >&2; exit 2; }
[ -f "$build/compile_commands.json" ] || { echo "check-tidy: configure $build first (cmake -S . -B $build)" >&2; exit 2; }
# clang does not know every GCC warning flag the build passes (-Wno-restrict).
run-clang-tidy -p "$build" -j "$(nproc)" -quiet -extra-arg=-Wno-unknown-warning-option \
  "$PWD/(src|bench)/" >"$build/clang-tidy.log" 2>&1 || {
  sed 's/\x1b\[[0-9;]*m//g' "$build/clang-tidy.log" | grep -E -A3 'error:' >&2
  echo "check-tidy: clang-tidy found problems (full log: $build/clang-tidy.log)" >&2
  exit 1
}
echo "check-tidy: no findings"
