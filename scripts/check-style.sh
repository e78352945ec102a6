#!/usr/bin/env bash
# The formatting the build enforces: every tracked C++ file must match
# .clang-format exactly (run `clang-format -i FILE` to fix one).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run -Werror "${sources[@]}"
echo "check-style: ${#sources[@]} files clang-formatted"
