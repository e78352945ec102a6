#!/usr/bin/env bash
# Every query `iothub-diag kql` prints passes Microsoft's Kusto language service
# (npm @kusto/language-service-next, run offline under node) against the
# AzureDiagnostics schema; a query naming a column the table lacks must fail
# the same check, so the checker cannot pass everything.
# Usage: kql_check.sh <iothub-diag> <source-dir>. Exit 77 (skipped) when node or
# the language service is missing, except under CI, where setup installs them.
set -euo pipefail
binary=$1
checker=$2/test/kql/check_kql.js
if ! command -v node >/dev/null || [ ! -d "$2/test/kql/node_modules/@kusto/language-service-next" ]; then
  echo "node or @kusto/language-service-next missing: run scripts/setup.sh --test"
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi
queries=$(mktemp)
trap 'rm -f "$queries"' EXIT
{
  "$binary" kql
  echo ----
  "$binary" kql --since 2026-11-20T00:00:00Z --until 2026-11-22T00:00:00.250Z
  echo ----
  "$binary" kql --since 24h --hub PROD-HUB --hub 'odd"hub\name'
  echo ----
  "$binary" kql --until 90m
  echo ----
  "$binary" kql --count --since 2026-11-20T00:00:00Z --until 2026-11-22T00:00:00Z --hub PROD-HUB
  echo ----
  "$binary" kql --count --bin 15 --since 7d
  echo ----
  "$binary" kql --hub PROD-HUB --device 'dev-0001' --device $'quote"back\\slash' --since 48h
  # Every finding's query, in reports with windows, devices, two hubs and hostile ids.
  for input in "$2/samples/logs" "$2/test/golden/scenarios/two-hubs" "$2/test/golden/scenarios/hostile-ids"; do
    "$binary" analyze "$input" --format json 2>/dev/null | python3 -c '
import json, sys
for finding in json.load(sys.stdin)["findings"]:
    print("----")
    print(finding["kql"])' || true
  done
} >"$queries"
grep -q "DeviceId in" "$queries" || { echo "no finding query was collected"; exit 1; }
node "$checker" "$queries"

if printf 'AzureDiagnostics\n| where NoSuchColumn == 1\n' | node "$checker" >/dev/null; then
  echo "the checker accepted a query naming a column AzureDiagnostics lacks"
  exit 1
fi
echo "kql: every query passed the Kusto language service"
