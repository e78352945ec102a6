#!/usr/bin/env bash
# The CI step's shell logic (ci/scripts/analyze.sh, which the GitHub action and
# the Azure Pipelines template run) on the samples, as a runner would call it:
# with fail-on error it appends the Markdown report to $GITHUB_STEP_SUMMARY,
# writes the HTML page and the step outputs, and exits 1; with fail-on never,
# 0; without paths or without usable input, 2. On Azure Pipelines (TF_BUILD) it
# prints ##vso[task.uploadsummary]. Then ci_definitions.py checks the action and
# the template against the scripts.
# Usage: ci_action.sh BINARY SOURCE_DIR
set -u
binary=$(realpath "$1") || exit 1
root=$(cd "$2" && pwd) || exit 1
status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL $*"
  status=1
}
step() {  # fail-on, paths; runs the step in a clean job folder
  rm -rf "$work/job" && mkdir -p "$work/job"
  echo "# earlier step" >"$work/job/summary.md"
  (cd "$work/job" && env -u TF_BUILD GITHUB_STEP_SUMMARY="$work/job/summary.md" \
    GITHUB_OUTPUT="$work/job/output" RUNNER_TEMP="$work/job" IOTHUB_DIAG="$binary" \
    IOTHUB_DIAG_FAIL_ON="$1" IOTHUB_DIAG_PATHS="$2" bash "$root/ci/scripts/analyze.sh") \
    >"$work/job/stdout" 2>"$work/job/stderr"
}

step error "$root/samples/logs"
code=$?
[ $code -eq 1 ] || fail "fail-on error on the samples exits $code, expected 1"
head -1 "$work/job/summary.md" | grep -qx "# earlier step" || fail "the summary was not appended to"
grep -q "hub-incident" "$work/job/summary.md" || fail "no hub-incident finding in the summary"
tail -n +2 "$work/job/summary.md" | cmp -s - "$root/samples/expected/analyze.md" ||
  fail "the summary is not the samples' Markdown report"
grep -qx "exit-code=1" "$work/job/output" || fail "no exit-code=1 output"
html=$(sed -n 's/^report-html=//p' "$work/job/output")
[ -n "$html" ] && cmp -s "$html" "$root/samples/expected/analyze.html" ||
  fail "the report-html output is not the samples' HTML report"
[ $status -eq 0 ] && echo "ok   fail-on error: exit 1, summary, page"

step never "$root/samples/logs"
code=$?
[ $code -eq 0 ] || fail "fail-on never exits $code, expected 0"
step error "$root/samples/logs
$root/samples/logs/insights-logs-connections"
[ $? -eq 1 ] || fail "two paths on two lines do not exit 1"
step error ""
code=$?
[ $code -eq 2 ] || fail "no paths exits $code, expected 2"
step error "$work/missing"
code=$?
[ $code -eq 2 ] || fail "a missing path exits $code, expected 2"

out=$(cd "$work" && env -u GITHUB_STEP_SUMMARY -u GITHUB_OUTPUT TF_BUILD=True \
  AGENT_TEMPDIRECTORY="$work" IOTHUB_DIAG="$binary" IOTHUB_DIAG_PATHS="$root/samples/logs" \
  bash "$root/ci/scripts/analyze.sh" 2>/dev/null)
code=$?
[ $code -eq 1 ] || fail "on Azure Pipelines the step exits $code, expected 1"
[ "$out" = "##vso[task.uploadsummary]$work/iothub-diag/report.md" ] ||
  fail "on Azure Pipelines the step prints '$out'"
[ $status -eq 0 ] && echo "ok   fail-on never, paths by line, no paths, Azure Pipelines"

# The action and the template run these scripts with the variables they read.
if python3 -c "import yaml" 2>/dev/null; then
  python3 "$(dirname "$0")/ci_definitions.py" "$root" || status=1
elif [ -n "${CI:-}" ]; then
  fail "python3-yaml is missing (scripts/setup.sh --test installs it)"
else
  echo "skip the CI definitions: python3-yaml is not installed"
fi
exit $status
