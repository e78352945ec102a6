#!/usr/bin/env bash
# Seeds fuzz_analyze from the project's test data: every log file of
# test/data/conformance, test/data/fleet, samples/logs and test/data/fuzz-regressions,
# each behind a few option headers (pipeline_fuzz_input.hpp): the defaults; JSON
# Lines or detection with --color, --keep-duplicates, --top 3 and the first hub;
# CSV day first with two thresholds changed. Usage: fuzz/make-analyze-seeds.sh OUT_DIR
set -euo pipefail
out=${1:?usage: make-analyze-seeds.sh OUT_DIR}
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out"
count=0
while IFS= read -r -d '' file; do
  name=$(printf '%s' "${file#"$root"/}" | tr '/=' '__' | cut -c1-120)
  # header: flags, top, number of thresholds changed (then which, value per change)
  { printf '\000\012\000'; cat "$file"; } >"$out/$name.defaults"
  { printf '\034\003\000'; cat "$file"; } >"$out/$name.color-keep-first-hub"
  { printf '\203\002\002\011\040\014\300'; cat "$file"; } >"$out/$name.day-first-thresholds"
  count=$((count + 3))
done < <(find "$root/test/data/conformance" "$root/test/data/fleet" "$root/samples/logs" \
  "$root/test/data/fuzz-regressions" -type f ! -name '*.md' ! -name '*.py' -print0 | sort -z)
echo "$count seeds in $out"
