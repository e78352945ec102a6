#!/usr/bin/env bash
# Rewrites samples/expected/ from the current build. Review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/iothub-diag}
mkdir -p samples/expected
NO_COLOR=1 "$binary" analyze samples/logs >samples/expected/analyze.txt || [ $? -eq 1 ]
NO_COLOR=1 "$binary" analyze samples/logs --format json >samples/expected/analyze.json || [ $? -eq 1 ]
NO_COLOR=1 "$binary" analyze samples/logs --format markdown >samples/expected/analyze.md || [ $? -eq 1 ]
NO_COLOR=1 "$binary" analyze samples/logs --format csv >samples/expected/analyze.csv || [ $? -eq 1 ]
NO_COLOR=1 "$binary" analyze samples/logs --format html >samples/expected/analyze.html || [ $? -eq 1 ]
NO_COLOR=1 "$binary" analyze samples/logs --lang fr >samples/expected/analyze.fr.txt || [ $? -eq 1 ]
git --no-pager diff --stat -- samples/expected
