#!/usr/bin/env bash
# scripts/check-doc-references.py passes on the repository, and fails, naming
# each one, on a copy given a broken path, a layer file that moved, a missing
# numbered or titled section, a dead anchor and a name moved out of its file;
# references with placeholders in the same copy stay unreported.
# Usage: doc_references.sh SOURCE_DIR
set -euo pipefail
source_dir="$1"
checker="$source_dir/scripts/check-doc-references.py"

"$checker" "$source_dir"

copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
tar -C "$source_dir" --exclude=./.git --exclude='./build*' --exclude=node_modules -cf - . | tar -C "$copy" -xf -
"$checker" "$copy"

cat >>"$copy/README.md" <<'MD'

Broken on purpose: `src/input/no_such_reader.cpp`, `input/gone_away.cpp`,
docs/DOMAIN.md section 42, docs/ARCHITECTURE.md "Why not a section that is not there",
[a dead link](docs/json-report.md#no-such-heading), `kNoSuchTable` (`model/skip_reason.hpp`).
Placeholders stay unchecked: `src/<layer>/`, `test/data/fuzz-regressions/<reader>-<what>`, `fuzz/corpus/*`.
MD
printf '// see test/data/not-here.jsonl and docs/DOMAIN.md sections 2 and 9\n' >>"$copy/src/main.cpp"

if output="$("$checker" "$copy" 2>&1)"; then
  echo "FAIL: the checker passed a copy with broken references" >&2
  exit 1
fi
echo "$output"
expected=(
  "README.md:[0-9]*: no such path: src/input/no_such_reader.cpp"
  "README.md:[0-9]*: no such file in src/, include/ or test/: input/gone_away.cpp"
  "README.md:[0-9]*: no section 42 in docs/DOMAIN.md"
  "README.md:[0-9]*: no section \"Why not a section that is not there\" in docs/ARCHITECTURE.md"
  "README.md:[0-9]*: no section with anchor #no-such-heading in docs/json-report.md"
  "README.md:[0-9]*: kNoSuchTable is not in model/skip_reason.hpp"
  "src/main.cpp:[0-9]*: no such path: test/data/not-here.jsonl"
  "src/main.cpp:[0-9]*: no section 9 in docs/DOMAIN.md"
)
status=0
for line in "${expected[@]}"; do
  grep -qx -- "$line" <<<"$output" || { echo "FAIL: missing: $line" >&2; status=1; }
done
problems="$(grep -c ': ' <<<"$(grep -v '^check-doc-references:' <<<"$output")")"
if [ "$problems" -ne "${#expected[@]}" ]; then
  echo "FAIL: $problems problems reported, ${#expected[@]} expected" >&2
  status=1
fi
exit "$status"
