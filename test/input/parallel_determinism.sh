#!/usr/bin/env bash
# Parallel ingest test: the JSON report and the stderr skip samples must be
# the same bytes for any --threads, with large JSON Lines files cut into many
# small pieces (--piece-size), and the report the same for any file order.
# Inputs: a simulated archive tree (many files), one JSON Lines file with
# broken lines and repeated records spread over its pieces, and the same
# records as one query API answer, whose rows are parsed on other threads, and
# as one portal CSV, whose rows are cut on other threads.
set -u
binary=$1
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
status=0

fail() {
  echo "FAIL $*"
  status=1
}

"$binary" simulate -o "$work/archive" --devices 120 --hours 6 --seed 7 --noise 1 >/dev/null 2>&1 ||
  { echo "simulate failed"; exit 2; }
"$binary" simulate -o "$work/single" --layout jsonl --devices 300 --hours 12 --seed 8 --noise 1 \
  >/dev/null 2>&1 || { echo "simulate failed"; exit 2; }
# A few broken blobs in the tree, and in the single file: broken lines every
# 700 lines, then its first 3,000 lines again, so repeats fall in later pieces.
mapfile -t blobs < <(find "$work/archive" -name '*.json' | sort | awk 'NR % 7 == 1')
for blob in "${blobs[@]}"; do printf '{"time": "2026-11-20T01:00:00Z", "category": \n' >>"$blob"; done
big=$work/fleet.jsonl
awk '{ print } NR % 700 == 0 { print "{\"broken\": " NR }' "$work/single/fleet.jsonl" >"$big"
head -n 3000 "$work/single/fleet.jsonl" >>"$big"
rm -rf "$work/single"

run() {  # run NAME ARGS...: report in NAME.json, stderr in NAME.err
  local name=$1
  shift
  "$binary" analyze --format json --fail-on never "$@" >"$work/$name.json" 2>"$work/$name.err"
  local code=$?
  [ "$code" -eq 0 ] || fail "$name: exit code $code"
}

same() {  # same A B: identical reports and stderr
  cmp -s "$work/$1.json" "$work/$2.json" || fail "$2: report differs from $1"
  cmp -s "$work/$1.err" "$work/$2.err" || { fail "$2: stderr differs from $1"; diff "$work/$1.err" "$work/$2.err" | head -5; }
}

mapfile -t files < <(find "$work/archive" -type f -name '*.json' | sort)
mapfile -t reversed < <(printf '%s\n' "${files[@]}" | sort -r)

run tree.1 --threads 1 "$work/archive"
grep -q "skipped" "$work/tree.1.err" || fail "tree.1: the broken blobs gave no skip samples"
for threads in 2 4; do
  run "tree.$threads" --threads "$threads" "$work/archive"
  same tree.1 "tree.$threads"
done
run files.1 --threads 1 "${files[@]}"
same tree.1 files.1
for threads in 1 2 4; do
  run "reversed.$threads" --threads "$threads" "${reversed[@]}"
  cmp -s "$work/tree.1.json" "$work/reversed.$threads.json" || fail "reversed.$threads: report differs"
  [ "$threads" = 1 ] || same reversed.1 "reversed.$threads"
done

run big.1 --threads 1 "$big"
[ "$(grep -c "skipped" "$work/big.1.err")" -ge 10 ] || fail "big.1: expected at least 10 skip samples"
for threads in 2 4; do
  for piece in 65536 300000; do
    run "big.$threads.$piece" --threads "$threads" --piece-size "$piece" "$big"
    same big.1 "big.$threads.$piece"
  done
done
# The pieces must really be many: the file is well over 20 pieces of 64 KiB.
[ "$(stat -c %s "$big")" -gt $((20 * 65536)) ] || fail "the JSON Lines file is too small to be cut"
# A tree and a split file together, in both orders.
run mixed.1 --threads 1 "$big" "$work/archive"
run mixed.2 --threads 2 --piece-size 65536 "$big" "$work/archive"
same mixed.1 mixed.2
run mixed.r --threads 3 --piece-size 100000 "$work/archive" "$big"
cmp -s "$work/mixed.1.json" "$work/mixed.r.json" || fail "mixed.r: report differs in the other file order"

# Three hubs with the same device ids in one file: each piece's store numbers
# the hubs in the order its lines meet them, which differs from piece to piece
# once the lines are shuffled; repeats (its first 2,000 lines again) must still
# be told from another hub's record of the same device and time.
"$binary" simulate -o "$work/hubs" --layout jsonl --hubs 3 --devices 60 --hours 6 --seed 9 \
  >/dev/null 2>&1 || { echo "simulate failed"; exit 2; }
hubs=$work/hubs.jsonl
{ shuf --random-source=<(yes) "$work/hubs/fleet.jsonl"; head -n 2000 "$work/hubs/fleet.jsonl"; } >"$hubs"
rm -rf "$work/hubs"
run hubs.1 --threads 1 "$hubs"
grep -q '"duplicates": 2000' "$work/hubs.1.json" || fail "hubs.1: the 2,000 repeats are not counted as such"
for threads in 2 3; do
  run "hubs.$threads" --threads "$threads" --piece-size 65536 "$hubs"
  same hubs.1 "hubs.$threads"
done

# The single file's records (its broken lines left out), for the two shapes below.
records=$work/records.json
python3 - "$big" "$records" <<'PY' || fail "could not read the records back"
import json, sys
records = []
for line in open(sys.argv[1]):
    try:
        record = json.loads(line)
    except ValueError:
        continue
    if isinstance(record, dict) and "time" in record:
        records.append(record)
json.dump(records, open(sys.argv[2], "w"))
PY

# One query API answer read whole: its rows are parsed on the other threads in
# batches of 2,048, so its two tables (columns in another order in the second)
# start batches in the middle, and rows that cannot be read fall in several.
answer=$work/answer.json
python3 - "$records" "$answer" <<'PY' || fail "could not write the query API answer"
import json, sys
records = json.load(open(sys.argv[1]))
first = ["TimeGenerated", "OperationName", "Category", "Level", "ResultType", "ResultDescription",
         "_ResourceId", "properties_s"]
second = list(reversed(first))
def cells(record, names):
    keys = {"TimeGenerated": "time", "OperationName": "operationName", "Category": "category",
            "Level": "level", "ResultType": "resultType", "ResultDescription": "resultDescription",
            "_ResourceId": "resourceId", "properties_s": "properties"}
    return [record.get(keys[name], "") for name in names]
def table(name, names, part):
    rows = [cells(record, names) for record in part]
    for at in range(1500, len(rows), 1700):
        rows.insert(at, "not a row")
        rows.insert(at + 1, ["too", "short"])
    return {"name": name, "columns": [{"name": n, "type": "string"} for n in names], "rows": rows}
half = len(records) // 2
json.dump({"tables": [table("PrimaryResult", first, records[:half]),
                      table("Second", second, records[half:])]},
          open(sys.argv[2], "w"))
PY
run answer.1 --threads 1 "$answer"
[ "$(grep -c "skipped" "$work/answer.1.err")" -ge 4 ] || fail "answer.1: expected skip samples for the broken rows"
grep -q '"records": [1-9]' "$work/answer.1.json" || fail "answer.1: no records read"
for threads in 2 3; do
  run "answer.$threads" --threads "$threads" "$answer"
  same answer.1 "answer.$threads"
done

# The same records as one portal CSV read whole: other threads cut its rows in
# chunks (of --piece-size bytes when given), so chunk ends fall everywhere,
# including inside quoted fields that hold line ends, where a chunk does not
# come out whole and the rest is cut again on the reading thread. Also: a BOM,
# CRLF and LF rows, dates that show no day/month order until row 400 (rows
# wait), the header again (exports joined with `cat`), and broken rows.
csv=$work/portal.csv
python3 - "$records" "$csv" <<'PY' || fail "could not write the portal CSV"
import json, sys
records = json.load(open(sys.argv[1]))
names = ["TimeGenerated [UTC]", "Resource", "_ResourceId", "Category", "OperationName", "Level",
         "ResultType", "ResultDescription", "properties_s"]
def quote(text):
    return '"' + str(text).replace('"', '""') + '"'
def date(text, n):
    # 2026-11-20T01:02:03Z as 11/20/2026, 1:02:03.000 AM; the first 400 rows
    # move to the 5th of the month, a date that shows no order.
    day, clock = text[:10], text[11:19]
    year, month, dom = day.split("-")
    if n < 400:
        dom = "05"
    hour, minute, second = (int(x) for x in clock.split(":"))
    half = "AM" if hour < 12 else "PM"
    return f"{int(month)}/{int(dom)}/{year}, {hour % 12 or 12}:{minute:02}:{second:02}.000 {half}"
out = open(sys.argv[2], "w", newline="")
out.write("\ufeff" + ",".join(names) + "\r\n")
for n, record in enumerate(records):
    description = record.get("resultDescription", "")
    if n % 997 == 5:
        description = "first line\nsecond line, with a comma\n\"quoted\""
    if n == 2 * len(records) // 3:
        # 12 KB of lines in one field: a 4 KiB chunk ends inside it.
        description = "".join(f"line {i}, still quoted\n" for i in range(500))
    cells = [date(record["time"], n), "HUB", record.get("resourceId", ""), record.get("category", ""),
             record.get("operationName", ""), record.get("level", ""), record.get("resultType", ""),
             description, record.get("properties", "")]
    end = "\r\n" if n % 3 else "\n"
    out.write(",".join(quote(c) for c in cells) + end)
    if n % 1500 == 700:
        out.write('"broken" row,"after the quote"\n')
    if n % 2100 == 1000:
        out.write(",".join(names) + "\n")
    if n == len(records) // 2:
        out.write('"an unclosed quote,"x\n')
    if n == len(records) // 2 + 50:
        out.write('"a quote never closed,x\n')
PY
run csv.1 --threads 1 "$csv"
[ "$(grep -c "skipped" "$work/csv.1.err")" -ge 4 ] || fail "csv.1: expected skip samples for the broken rows"
grep -q '"records": [1-9]' "$work/csv.1.json" || fail "csv.1: no records read"
for threads in 2 3; do
  for piece in default 4096 65536; do
    if [ "$piece" = default ]; then
      run "csv.$threads.$piece" --threads "$threads" "$csv"
    else
      run "csv.$threads.$piece" --threads "$threads" --piece-size "$piece" "$csv"
    fi
    same csv.1 "csv.$threads.$piece"
  done
done

[ "$status" -eq 0 ] && echo "ok   parallel ingest gives the same bytes"
exit $status
