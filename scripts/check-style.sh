#!/usr/bin/env bash
# Style and static checks the build enforces: every C++ file clang-formatted,
# and clang-tidy's bugprone checks (plus performance on the hot path, see the
# .clang-tidy files) clean on the library and main. Needs a configured build
# directory with compile_commands.json (the first argument, default build).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run -Werror "${sources[@]}"
echo "check-style: ${#sources[@]} files clang-formatted"

[ -f "$build/compile_commands.json" ] || {
  echo "check-style: $build/compile_commands.json is missing (configure with CMAKE_EXPORT_COMPILE_COMMANDS=ON)" >&2
  exit 2
}
mapfile -t units < <(git ls-files 'src/*.cpp')
printf '%s\n' "${units[@]}" |
  xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet 2>/dev/null
echo "check-style: clang-tidy clean on ${#units[@]} files"
