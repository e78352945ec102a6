#!/usr/bin/env bash
# The whole test suite: installs what a fresh Debian machine lacks, checks the
# formatting and the paths and sections the docs cite, builds with warnings as
# errors, runs the test suite (with every fuzz corpus replayed), then builds
# again under AddressSanitizer + UndefinedBehaviorSanitizer, runs clang-tidy
# over that build's units and the tests again.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test
scripts/check-style.sh
scripts/check-doc-references.py

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DIOTHUB_DIAG_WERROR=ON
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"

# A unity build (sources compiled 8 to a unit; the files that cannot share one are marked
# SKIP_UNITY_BUILD_INCLUSION) halves this second build's time; the Release build above
# compiles every library file on its own (the test files 8 to a unit in both).
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DIOTHUB_DIAG_WERROR=ON -DIOTHUB_DIAG_SANITIZE=ON \
  -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8
cmake --build build-sanitize -j"$(nproc)"
# clang-tidy over the same units: each is parsed once for its 8 sources.
scripts/check-tidy.sh build-sanitize
# The accuracy grid (label "slow") already ran above; under sanitizers it would only repeat it
# slowly, so that build neither builds nor registers it (bench/CMakeLists.txt). Timed tests
# (label "timing") bound wall time, which sanitizers multiply. The package
# test (label "package") checks what dpkg and lintian say of the .deb, which the build above
# already made and checked; the layer check (label "layout") reads each file's compile command,
# which a unity build does not have.
ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)" -LE "slow|timing|package|layout"
