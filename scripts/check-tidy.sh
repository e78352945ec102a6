#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy: bugprone-*, performance-*) over
# every source file of the library, the tool and the benchmark, using the
# compile commands of a configured build. Any finding fails.
#   scripts/check-tidy.sh [BUILD_DIR]      (default: build)
# Over a unity build (CMAKE_UNITY_BUILD, as scripts/test.sh's sanitizer build)
# each unit is parsed once for its up to 8 sources, which takes well under half
# the time: the sources are then checked as files the unit includes, so the
# header filter takes them in, and including .cpp files is what a unit does.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
command -v run-clang-tidy >/dev/null || { echo "check-tidy: clang-tidy is needed (apt-get install clang-tidy)" >&2; exit 2; }
[ -f "$build/compile_commands.json" ] || { echo "check-tidy: configure $build first (cmake -S . -B $build)" >&2; exit 2; }
build_dir=$(cd "$build" && pwd)
files="$PWD/(src|bench)/"
unity=()
if grep -q '/Unity/unity_[0-9]*_cxx\.cxx' "$build/compile_commands.json"; then
  # The library's, the tool's and the benchmark's units, not the tests'; and the
  # sources left out of any unit.
  files="^$PWD/(src|bench)/|^$build_dir/(?!test/).*/Unity/unity_[0-9]+_cxx\.cxx\$"
  unity=(-checks=-bugprone-suspicious-include "-header-filter=^$PWD/(include|src|bench)/")
fi
# clang does not know every GCC warning flag the build passes (-Wno-restrict).
run-clang-tidy -p "$build" -j "$(nproc)" -quiet -extra-arg=-Wno-unknown-warning-option \
  "${unity[@]}" "$files" >"$build/clang-tidy.log" 2>&1 || {
  sed 's/\x1b\[[0-9;]*m//g' "$build/clang-tidy.log" | grep -E -A3 'error:' >&2
  echo "check-tidy: clang-tidy found problems (full log: $build/clang-tidy.log)" >&2
  exit 1
}
echo "check-tidy: no findings"
