#!/usr/bin/env bash
# Seeds the agreement targets (fast_path_agreement.hpp) from the project's test
# data, each input behind its selector byte (fuzz_input.hpp):
#   agree_flat        every line of the JSON files, as an object (in place and
#                     decoded) and as a row of cells;
#   agree_split_json  every JSON file whole, in values and lines layout, with
#                     default and tight limits;
#   agree_split_csv   every CSV file whole, with a large and a tight row limit;
#   agree_threads     every log file under 16 KiB whole, detected with pieces of
#                     64 and 128 bytes, and as its own format with 256.
# Usage: fuzz/make-agreement-seeds.sh OUT_DIR (writes OUT_DIR/<target>/)
set -euo pipefail
out=${1:?usage: make-agreement-seeds.sh OUT_DIR}
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out/agree_flat" "$out/agree_split_json" "$out/agree_split_csv" "$out/agree_threads"
folders=("$root/test/data/conformance" "$root/test/data/fleet" "$root/test/data/platform"
  "$root/samples/logs" "$root/test/data/fuzz-regressions")
name_of() { printf '%s' "${1#"$root"/}" | tr '/=' '__' | cut -c1-120; }
while IFS= read -r -d '' file; do
  name=$(name_of "$file")
  for selector in 000 001 002 003; do
    { printf "\\$selector"; cat "$file"; } >"$out/agree_split_json/$name.$selector"
  done
  # The first 40 lines of each file, one seed each, as an object in place and as a row.
  line=0
  while IFS= read -r text && [ "$line" -lt 40 ]; do
    line=$((line + 1))
    { printf '\002'; printf '%s' "$text"; } >"$out/agree_flat/$name.$line.object"
    { printf '\003'; printf '%s' "$text"; } >"$out/agree_flat/$name.$line.row"
  done <"$file"
done < <(find "${folders[@]}" -type f \( -name '*.json' -o -name '*.jsonl' \) -print0 | sort -z)
# The first 40 rows of each query API answer's tables, compact, as rows in place and decoded.
while IFS= read -r -d '' file; do
  name=$(name_of "$file")
  python3 - "$file" "$out/agree_flat/$name" <<'PY' || true
import json, sys
try:
    document = json.load(open(sys.argv[1], encoding="utf-8"))
except (ValueError, UnicodeDecodeError):
    sys.exit(0)
tables = document.get("tables", []) if isinstance(document, dict) else []
rows = [row for table in tables if isinstance(table, dict) for row in table.get("rows", [])]
for number, row in enumerate(rows[:40], 1):
    text = json.dumps(row, separators=(",", ":"), ensure_ascii=False).encode()
    for selector, mode in ((3, "in-place"), (1, "decoded")):
        with open(f"{sys.argv[2]}.row{number}.{mode}", "wb") as seed:
            seed.write(bytes([selector]) + text)
PY
done < <(grep -rlZ --include='*.json' '"tables"' "${folders[@]}" | sort -z)
while IFS= read -r -d '' file; do
  name=$(name_of "$file")
  { printf '\000'; cat "$file"; } >"$out/agree_split_csv/$name.large"
  { printf '\001'; cat "$file"; } >"$out/agree_split_csv/$name.tight"
done < <(find "${folders[@]}" -type f -name '*.csv' -print0 | sort -z)
while IFS= read -r -d '' file; do
  name=$(name_of "$file")
  case "$file" in
    *.jsonl) own='\011' ;;
    *.csv) own='\013' ;;
    *) own='\012' ;;
  esac
  for selector in '\000' '\004' "$own"; do
    { printf "$selector"; cat "$file"; } >"$out/agree_threads/$name.$(printf "$selector" | od -An -tu1 | tr -d ' ')"
  done
done < <(find "${folders[@]}" -type f \( -name '*.json' -o -name '*.jsonl' -o -name '*.csv' \) \
  -size -16k -print0 | sort -z)
for target in agree_flat agree_split_json agree_split_csv agree_threads; do
  echo "$(find "$out/$target" -type f | wc -l) seeds in $out/$target"
done
