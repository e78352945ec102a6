#!/usr/bin/env bash
# What the push-down saves: pulls the same simulated hub from the stand-in query
# API twice in one invocation, once answering every query with every column of
# every row in the span (what `AzureDiagnostics | where TimeGenerated ...` returns),
# once applying the tool's own selection and projection (--apply-selection), and
# prints rows, bytes, requests and wall time of each, and their ratio.
# Usage: bench/workspace_pushdown.sh [build-dir]   (NOISE, DEVICES, HOURS override the fleet)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=$(realpath "${1:-$root/build}")/iothub-diag
work=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"
devices=${DEVICES:-2000}
hours=${HOURS:-24}
noise=${NOISE:-2}
"$binary" simulate -o fleet --devices "$devices" --hours "$hours" --noise "$noise" >/dev/null
data=()
for folder in fleet/insights-logs-*; do data+=(--data "$folder"); done
echo "fleet: $devices devices, $hours h, $noise Information records per connected device and hour in other categories"
printf '%-22s %10s %10s %9s %8s\n' pull rows MB requests seconds
for mode in everything selected; do
  extra=()
  [ "$mode" = selected ] && extra=(--apply-selection)
  node "$root/test/workspace/standin_server.js" "${data[@]}" "${extra[@]}" --token t \
    --log "requests-$mode.jsonl" >port.txt 2>/dev/null &
  server_pid=$!
  for _ in $(seq 300); do [ -s port.txt ] && break; sleep 0.1; done
  port=$(awk '{print $2}' port.txt)
  start=$(date +%s.%N)
  IOTHUB_DIAG_ACCESS_TOKEN=t "$binary" analyze --workspace bench --logs-endpoint "http://127.0.0.1:$port" \
    --since 2026-11-19T00:00:00Z --until 2026-11-23T00:00:00Z --save "saved-$mode" --format json \
    >"report-$mode.json" 2>"pull-$mode.err" || [ $? -eq 1 ]
  end=$(date +%s.%N)
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=; rm -f port.txt
  rows=$(sed -n 's/.*: \([0-9]*\) rows, .*/\1/p' "pull-$mode.err")
  bytes=$(cat saved-"$mode"/chunk-* | wc -c)
  requests=$(wc -l <"requests-$mode.jsonl")
  printf '%-22s %10s %10.1f %9s %8.2f\n' "$mode" "$rows" "$(echo "$bytes / 1000000" | bc -l)" \
    "$requests" "$(echo "$end - $start" | bc -l)"
  echo "$bytes" >"bytes-$mode"
done
python3 - <<'PY'
import json
def verdicts(path):
    report = json.load(open(path))
    items = {f["rule"]: sorted(str((i.get("hub"), i.get("device_id"), i.get("module_id"), i.get("start"))) for i in f.get("devices", []) + f.get("windows", []))
             for f in report["findings"]}
    return report["summary"]["drops"], items
ratio = int(open("bytes-everything").read()) / int(open("bytes-selected").read())
same = verdicts("report-everything.json") == verdicts("report-selected.json")
print(f"push-down: {ratio:.1f}x fewer bytes; same drops by cause and same devices and windows per finding: {same}")
PY
