#!/usr/bin/env bash
# `analyze --workspace` against the stand-in query API (standin_server.js) on
# 127.0.0.1, which cuts every answer past 1,500 rows with the real PartialError
# body and fails 10 % of requests with 429, 503, 504 or a dropped connection:
#  1. the pull gives the same records, drops by cause and findings as the export;
#  2. a pull into --save killed with SIGKILL part-way, run again, asks only for
#     the chunks it lacks and gives the same findings; `analyze DIR` reads it offline;
#  3. a refused token is exit 2 with the service's reason, and nothing is pulled;
#  4. without a loadable libcurl the pull is exit 2 at once, naming it, and asks nothing;
#  5. without a token, a missing az is said in --lang (no shell's English beside it),
#     and an az that fails is exit 2 with its own words passed on;
#  6. a token from az that expires during the pull (a server whose tokens last 3
#     requests) is renewed through az, asked for the endpoint's own resource, and
#     the pull gives the same verdicts as the export; an az that cannot renew it
#     is exit 2 with the refusal and az's reason;
#  7. a --save pull whose span ends now, from a server whose last 10 minutes of
#     rows arrive after its first pull, says so; the next pull into the folder
#     asks for the last chunk again and gives the export's verdicts.
# Usage: workspace_pull.sh <iothub-diag> <source-dir>. Exit 77 (skipped) without
# node, except under CI, where setup installs it.
set -euo pipefail
binary=$(realpath "$1")
server=$(realpath "$2")/test/workspace/standin_server.js
if ! command -v node >/dev/null; then
  echo "node missing: run scripts/setup.sh --test"
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

# A 48-hour fleet with an incident and a site outage, its records in every category.
"$binary" simulate -o fleet --devices 400 --hours 48 --incidents 2 --site-outages 1 --seed 5 >/dev/null
data=()
for folder in fleet/insights-logs-*; do data+=(--data "$folder"); done
# Starts the stand-in server with these options (stopping the one before), its
# requests logged to requests.jsonl; sets port and endpoint.
start_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -f port.txt
  : >requests.jsonl
  node "$server" "$@" --log requests.jsonl >port.txt 2>server.err &
  server_pid=$!
  for _ in $(seq 100); do [ -s port.txt ] && break; sleep 0.1; done
  port=$(awk '{print $2}' port.txt)
  [ -n "$port" ] || { echo "the stand-in server did not start"; cat server.err; exit 1; }
  endpoint=http://127.0.0.1:$port
}
start_server "${data[@]}" --row-cap 1500 --fault-rate 0.1 --seed 11 --token good-token
span=(--since 2026-11-19T00:00:00Z --until 2026-11-23T00:00:00Z)

# The verdicts of a JSON report: what must not depend on where the rows came from.
verdicts() {
  python3 -c '
import json, sys
report = json.load(open(sys.argv[1]))
print(json.dumps({"records": report["input"]["records"], "duplicates": report["input"].get("duplicates"),
                  "hubs": report["input"]["hubs"], "summary": report["summary"],
                  "findings": report["findings"]}, sort_keys=True))' "$1"
}
row_requests() { grep -c '"kind":"rows","status":200' requests.jsonl || true; }

"$binary" analyze fleet/insights-logs-* "${span[@]}" --format json >export.json || [ $? -eq 1 ]

echo "1. a whole pull"
IOTHUB_DIAG_ACCESS_TOKEN=good-token "$binary" analyze --workspace ws-1 --logs-endpoint "$endpoint" \
  "${span[@]}" --format json >pulled.json 2>pull.err || [ $? -eq 1 ]
cat pull.err
grep -Eq "^iothub-diag: workspace ws-1: [0-9,]+ rows, [0-9]+\.[0-9] MB in [0-9]+ chunks \([0-9]+ asked for, 0 already saved, [0-9]+ cut or timed out and asked again in halves, [0-9]+ requests? retried\)$" pull.err ||
  { echo "the pull's summary line is not as documented"; exit 1; }
if ! cmp -s <(verdicts export.json) <(verdicts pulled.json); then
  echo "the pulled rows give other verdicts than the export"
  diff <(verdicts export.json | python3 -m json.tool) <(verdicts pulled.json | python3 -m json.tool) | head -40
  exit 1
fi
grep -q '"cut":true' requests.jsonl || { echo "no answer was cut: the test does not exercise splitting"; exit 1; }
whole_requests=$(row_requests)
echo "   same verdicts; $whole_requests row chunks asked for"

echo "2. a pull killed part-way, then resumed"
: >requests.jsonl
IOTHUB_DIAG_ACCESS_TOKEN=good-token "$binary" analyze --workspace ws-1 --logs-endpoint "$endpoint" \
  "${span[@]}" --save saved --format json >/dev/null 2>&1 &
pull_pid=$!
for _ in $(seq 200); do
  [ "$(row_requests)" -ge 4 ] && break
  sleep 0.05
done
kill -KILL "$pull_pid" 2>/dev/null || true
wait "$pull_pid" 2>/dev/null || true
saved_before=$(ls saved | grep -c '^chunk-' || true)
[ "$saved_before" -ge 1 ] || { echo "the killed pull saved no chunk"; exit 1; }
: >requests.jsonl
IOTHUB_DIAG_ACCESS_TOKEN=good-token "$binary" analyze --workspace ws-1 --logs-endpoint "$endpoint" \
  "${span[@]}" --save saved --format json >resumed.json 2>resume.err || [ $? -eq 1 ]
cat resume.err
resumed_requests=$(row_requests)
if [ "$resumed_requests" -ge "$whole_requests" ]; then
  echo "the resumed pull asked for $resumed_requests row chunks, a whole pull $whole_requests"
  exit 1
fi
cmp -s <(verdicts export.json) <(verdicts resumed.json) || { echo "the resumed pull gives other verdicts"; exit 1; }
if ls -a saved | grep -q '^\.chunk-'; then echo "a temporary chunk file was left in the folder"; exit 1; fi
"$binary" analyze saved "${span[@]}" --format json >offline.json || [ $? -eq 1 ]
cmp -s <(verdicts export.json) <(verdicts offline.json) || { echo "analyze DIR gives other verdicts"; exit 1; }
echo "   $saved_before chunks kept from the killed pull; $resumed_requests row chunks asked for again (a whole pull: $whole_requests)"

echo "3. a refused token"
: >requests.jsonl
status=0
IOTHUB_DIAG_ACCESS_TOKEN=bad-token "$binary" analyze --workspace ws-1 --logs-endpoint "$endpoint" \
  "${span[@]}" >/dev/null 2>token.err || status=$?
cat token.err
[ "$status" -eq 2 ] || { echo "a refused token exited $status, not 2"; exit 1; }
grep -q "refused the access token (HTTP 401: InvalidTokenError" token.err ||
  { echo "the message does not give the service's reason"; exit 1; }
status=0
IOTHUB_DIAG_ACCESS_TOKEN=bad-token "$binary" analyze --workspace ws-1 --logs-endpoint "$endpoint" \
  "${span[@]}" --lang fr >/dev/null 2>token-fr.err || status=$?
cat token-fr.err
[ "$status" -eq 2 ] || { echo "a refused token under --lang fr exited $status, not 2"; exit 1; }
grep -q "^iothub-diag: erreur.*: espace de travail ws-1.*: l.*espace de travail a refusé le jeton d.*accès (HTTP 401.*InvalidTokenError" token-fr.err ||
  { echo "under --lang fr the error is not said in French"; exit 1; }

echo "4. no libcurl"
: >requests.jsonl
status=0
IOTHUB_DIAG_LIBCURL=$work/no-such-libcurl.so IOTHUB_DIAG_ACCESS_TOKEN=good-token \
  "$binary" analyze --workspace ws-1 --logs-endpoint "$endpoint" "${span[@]}" >/dev/null \
  2>curl.err || status=$?
cat curl.err
[ "$status" -eq 2 ] || { echo "a pull without libcurl exited $status, not 2"; exit 1; }
grep -q "cannot read workspace ws-1: libcurl could not be loaded (.*no-such-libcurl.so" curl.err ||
  { echo "the message does not say libcurl could not be loaded"; exit 1; }
[ ! -s requests.jsonl ] || { echo "a pull without libcurl still sent requests"; exit 1; }
# Reading files needs no libcurl.
IOTHUB_DIAG_LIBCURL=$work/no-such-libcurl.so "$binary" analyze saved "${span[@]}" --format json \
  >no-curl.json || [ $? -eq 1 ]
cmp -s <(verdicts offline.json) <(verdicts no-curl.json) ||
  { echo "analyze DIR without libcurl gives other verdicts"; exit 1; }
echo "5. no token: az is asked, or said to be missing"
mkdir -p no-az fake-az
printf '#!/bin/sh\necho "ERROR: Please run az login to setup account." >&2\nexit 1\n' >fake-az/az
chmod +x fake-az/az
status=0
env -u IOTHUB_DIAG_ACCESS_TOKEN PATH="$PWD/no-az" "$binary" analyze --workspace ws-1 \
  --logs-endpoint "$endpoint" "${span[@]}" --lang fr >/dev/null 2>no-az.err || status=$?
cat no-az.err
[ "$status" -eq 2 ] || { echo "a pull without a token nor az exited $status, not 2"; exit 1; }
grep -q "^iothub-diag: erreur.*aucun jeton.*az (l.*interface en ligne de commande d.*Azure) n.*est pas installé" no-az.err ||
  { echo "a missing az is not said, in French"; exit 1; }
! grep -q "not found" no-az.err || { echo "the shell's own English leaks when az is missing"; exit 1; }
status=0
env -u IOTHUB_DIAG_ACCESS_TOKEN PATH="$PWD/fake-az:$PATH" "$binary" analyze --workspace ws-1 \
  --logs-endpoint "$endpoint" "${span[@]}" >/dev/null 2>az-fails.err || status=$?
cat az-fails.err
[ "$status" -eq 2 ] || { echo "a pull whose az fails exited $status, not 2"; exit 1; }
grep -q "^ERROR: Please run az login" az-fails.err || { echo "az's own words are not passed on"; exit 1; }
grep -q "az account get-access-token failed (run az login)" az-fails.err ||
  { echo "a failing az is not said"; exit 1; }

echo "6. a token from az that expires during the pull"
start_server "${data[@]}" --row-cap 1500 --fault-rate 0.1 --seed 12 --token az-token --token-uses 3
mkdir -p renewing-az
printf '%s\n' '#!/bin/sh' \
  "echo \"\$*\" >>'$work/az-args.txt'" \
  "count=\$(( \$(cat '$work/az-count' 2>/dev/null || echo 0) + 1 ))" \
  "echo \$count >'$work/az-count'" \
  'echo "az-token-renewed-$count"' >renewing-az/az
chmod +x renewing-az/az
env -u IOTHUB_DIAG_ACCESS_TOKEN PATH="$PWD/renewing-az:$PATH" "$binary" analyze --workspace ws-1 \
  --logs-endpoint "$endpoint" "${span[@]}" --format json >renewed.json 2>renew.err || [ $? -eq 1 ]
cat renew.err
cmp -s <(verdicts export.json) <(verdicts renewed.json) ||
  { echo "the pull whose token was renewed gives other verdicts"; exit 1; }
expired=$(grep -c '"expired":true' requests.jsonl || true)
[ "$expired" -ge 2 ] || { echo "$expired tokens expired: the test does not exercise renewal"; exit 1; }
grep -q "^iothub-diag: workspace ws-1: the service refused the access token during the pull; az gave a new one ($expired times)$" renew.err ||
  { echo "the renewals ($expired tokens expired) are not said"; exit 1; }
grep -q -- "--resource http://127.0.0.1 --query accessToken" az-args.txt ||
  { echo "az was not asked for the endpoint's resource:"; cat az-args.txt; exit 1; }
echo "   $expired tokens expired and were renewed through az; same verdicts"
# An az that gives a first token and then cannot give another: the refusal, and why.
mkdir -p failing-az
printf '%s\n' '#!/bin/sh' \
  "if [ -e '$work/az-once' ]; then echo 'ERROR: AADSTS700082: The refresh token has expired.' >&2; exit 1; fi" \
  ": >'$work/az-once'" \
  'echo "az-token-renewed-once"' >failing-az/az
chmod +x failing-az/az
status=0
env -u IOTHUB_DIAG_ACCESS_TOKEN PATH="$PWD/failing-az:$PATH" "$binary" analyze --workspace ws-1 \
  --logs-endpoint "$endpoint" "${span[@]}" >/dev/null 2>renew-fails.err || status=$?
cat renew-fails.err
[ "$status" -eq 2 ] || { echo "a pull whose token could not be renewed exited $status, not 2"; exit 1; }
grep -q "refused the access token (HTTP 401: InvalidTokenError" renew-fails.err &&
  grep -q "^iothub-diag: az was asked for a new access token: az account get-access-token failed (run az login)$" renew-fails.err ||
  { echo "a renewal that failed is not said with its reason"; exit 1; }

echo "7. rows that reach the workspace late are asked for again by the next pull"
# Two hours ending within the last minute; the stand-in's clock is the real one.
start=$(date -u -d '-2 hours' +%Y-%m-%dT%H:%M:00Z)
end=$(date -u -d "$start 2 hours" +%Y-%m-%dT%H:%M:%SZ)
recent_span=(--since "$start" --until "$end")
"$binary" simulate -o recent --devices 60 --hours 2 --start "$start" --seed 9 >/dev/null
recent=()
for folder in recent/insights-logs-*; do recent+=(--data "$folder"); done
"$binary" analyze recent/insights-logs-* "${recent_span[@]}" --format json >recent-export.json || [ $? -eq 1 ]
# The rows of the last 10 minutes are not in the workspace for the first pull's
# two queries (its count and its one chunk).
start_server "${recent[@]}" --token good-token --late-minutes 10 --late-for-requests 2
pull_recent() {
  IOTHUB_DIAG_ACCESS_TOKEN=good-token "$binary" analyze --workspace ws-1 --logs-endpoint "$endpoint" \
    "${recent_span[@]}" --save recent-pull --format json >"$1" 2>"$2" || [ $? -eq 1 ]
}
pull_recent early.json early.err
cat early.err
grep -q "^iothub-diag: workspace ws-1: rows of the span's last 15 minutes may still be arriving in the workspace; a later pull into the same --save folder asks for them again$" early.err ||
  { echo "a pull whose span ends now does not say its last rows may still arrive"; exit 1; }
grep -q '"asked_at"' recent-pull/.iothub-diag-pull.json || { echo "the manifest keeps no asked_at"; exit 1; }
records() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["input"]["records"])' "$1"; }
[ "$(records early.json)" -lt "$(records recent-export.json)" ] ||
  { echo "the stand-in held no rows back: the test does not exercise late rows"; exit 1; }
: >requests.jsonl
pull_recent late.json late.err
cat late.err
grep -q '"kind":"rows","status":200' requests.jsonl || { echo "the next pull asked for no rows again"; exit 1; }
cmp -s <(verdicts recent-export.json) <(verdicts late.json) ||
  { echo "the next pull does not give the export's verdicts: the late rows are missing"; exit 1; }
echo "   $(records early.json) records at first, $(records late.json) once the late rows arrived (the export: $(records recent-export.json))"

echo "workspace: every check passed"
