#!/usr/bin/env bash
# The records of a JSON Lines resource-log file as a Log Analytics workspace
# gives them back, for the benchmark: the columns the push-down query projects
# (`iothub-diag kql`), as
#   DIR/query-api.json  the query API's answer, one line
#                       ({"tables":[{"name":..,"columns":[..],"rows":[[..],..]}]})
#   DIR/pulled/         the same answers as a workspace pull saves them: chunk
#                       files of at most 100,000 rows (the default row budget)
#   DIR/portal.csv      the portal's CSV export (BOM, CRLF, "TimeGenerated [UTC]"
#                       in the en-US form "11/20/2026, 1:05:09.000 PM")
#   DIR/az-rest.json    the query API's answer as `az rest` prints it: indented
#   DIR/az-rows.json    the rows as `az monitor log-analytics query` prints them:
#                       an indented array of objects named by column, with
#                       the table's name in "TableName"
# Every record becomes one row of each, in file order.
#
#   bench/workspace_shapes.sh FILE.jsonl DIR
set -euo pipefail
in=$1
dir=$2
mkdir -p "$dir"
columns='TimeGenerated Resource _ResourceId Category OperationName Level ResultType ResultDescription properties_s'

# One row per record, in column order: Resource is the hub's name, _ResourceId
# the resourceId in lower case, absent strings empty.
row='[.time, (.resourceId | split("/") | last), (.resourceId | ascii_downcase), .category,
      .operationName, .level, (.resultType // "" | tostring), (.resultDescription // ""),
      (.properties | if type == "string" then . else tojson end)]'

header() {
  printf '{"tables":[{"name":"PrimaryResult","columns":['
  local first=1 c type
  for c in $columns; do
    type=string
    [ "$c" = TimeGenerated ] && type=datetime
    [ $first = 1 ] || printf ','
    first=0
    printf '{"name":"%s","type":"%s"}' "$c" "$type"
  done
  printf '],"rows":['
}
# answer ROWS_FILE: one query-API answer holding the rows of ROWS_FILE, one line.
answer() {
  header
  sed '1!s/^/,/' "$1" | tr -d '\n'
  printf ']}]}\n'
}
rows=$(mktemp)
trap 'rm -f "$rows" "$rows".chunk-*' EXIT
jq -c "$row" "$in" >"$rows"
answer "$rows" >"$dir/query-api.json.tmp"
mv "$dir/query-api.json.tmp" "$dir/query-api.json"

# As the az CLI prints them, indented by 2 spaces (jq's indentation, as az's).
jq . "$dir/query-api.json" >"$dir/az-rest.json.tmp"
mv "$dir/az-rest.json.tmp" "$dir/az-rest.json"
# shellcheck disable=SC2086  # the column names are one word each
names=$(printf '"%s",' $columns)
jq -n "[${names%,}] as \$names
  | [inputs | [\$names, .] | transpose | map({(.[0]): .[1]}) | add + {TableName: \"PrimaryResult\"}]" \
  "$rows" >"$dir/az-rows.json.tmp"
mv "$dir/az-rows.json.tmp" "$dir/az-rows.json"

# The same rows as a workspace pull saves them (docs/workspace.md): answers of
# at most 100,000 rows, the default row budget, one file each, named in order.
rm -rf "$dir/pulled"
mkdir -p "$dir/pulled"
split -l 100000 -d -a 3 "$rows" "$rows.chunk-"
for chunk in "$rows".chunk-*; do
  answer "$chunk" >"$dir/pulled/chunk-${chunk##*.chunk-}.json"
done

# en-US time: month/day/year, 12-hour clock, milliseconds, AM/PM.
us_time='(.time | capture("^(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})T(?<h>[0-9]{2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})(\\.(?<f>[0-9]+))?")) as $t
  | ($t.h | tonumber) as $h
  | "\($t.mo | tonumber)/\($t.d | tonumber)/\($t.y), \(if $h % 12 == 0 then 12 else $h % 12 end):\($t.mi):\($t.s).\(($t.f // "") + "000" | .[0:3]) \(if $h >= 12 then "PM" else "AM" end)"'
{
  printf '\xef\xbb\xbf'
  printf 'TimeGenerated [UTC],Resource,_ResourceId,Category,OperationName,Level,ResultType,ResultDescription,properties_s\r\n'
  jq -r ". as \$rec | $row | .[0] = (\$rec | $us_time) | @csv" "$in" | sed 's/$/\r/'
} >"$dir/portal.csv.tmp"
mv "$dir/portal.csv.tmp" "$dir/portal.csv"
