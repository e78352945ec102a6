#!/usr/bin/env bash
# Rewrites samples/expected/ and every scenario's expected.{out,err,rc} under
# test/golden/scenarios/ from the current build. Review the diff before committing.
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
bash test/golden/scenarios.sh "$binary" test/golden/scenarios --update >/dev/null
git --no-pager diff --stat -- samples/expected test/golden/scenarios
# New scenarios are not in the diff until they are added.
git status --short --untracked-files=all -- test/golden/scenarios | grep '^??' || true
