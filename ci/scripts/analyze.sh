#!/usr/bin/env bash
# The analysis of a CI step: analyzes IOTHUB_DIAG_PATHS (one path per line, or
# separated by spaces), appends the Markdown report to the job's summary
# ($GITHUB_STEP_SUMMARY on GitHub; uploaded with ##vso[task.uploadsummary] on
# Azure Pipelines), writes the HTML page for an artifact, and exits as
# `iothub-diag analyze --fail-on IOTHUB_DIAG_FAIL_ON` does: 0 clean, 1 findings
# at or above that severity, 2 no usable input or another failure.
#
# Environment: IOTHUB_DIAG_PATHS (required), IOTHUB_DIAG_FAIL_ON (default
# error), IOTHUB_DIAG_LANG (en), IOTHUB_DIAG_ARGS (more analyze options, split
# on spaces), IOTHUB_DIAG_REPORT_DIR (where report.md and report.html go;
# default $RUNNER_TEMP/iothub-diag), IOTHUB_DIAG (the binary; default
# iothub-diag on PATH). On GitHub the outputs exit-code, report-markdown and
# report-html go to $GITHUB_OUTPUT.
set -uo pipefail

tool=${IOTHUB_DIAG:-iothub-diag}
fail_on=${IOTHUB_DIAG_FAIL_ON:-error}
lang=${IOTHUB_DIAG_LANG:-en}
report_dir=${IOTHUB_DIAG_REPORT_DIR:-${RUNNER_TEMP:-${AGENT_TEMPDIRECTORY:-/tmp}}/iothub-diag}

paths=()
while IFS= read -r line; do
  for path in $line; do paths+=("$path"); done
done <<<"${IOTHUB_DIAG_PATHS:-}"
if [ ${#paths[@]} -eq 0 ]; then
  echo "iothub-diag: no paths to analyze (the paths input is empty)" >&2
  exit 2
fi
read -r -a extra <<<"${IOTHUB_DIAG_ARGS:-}"
mkdir -p "$report_dir" || exit 2
markdown="$report_dir/report.md"
html="$report_dir/report.html"

# The Markdown run decides the step's result; the HTML run never fails the step itself.
"$tool" analyze "${paths[@]}" --lang "$lang" --fail-on "$fail_on" "${extra[@]}" \
  --format markdown -o "$markdown"
code=$?
if [ $code -le 1 ]; then
  "$tool" analyze "${paths[@]}" --lang "$lang" --fail-on never "${extra[@]}" \
    --format html -o "$html" 2>/dev/null || code=2
fi

if [ -f "$markdown" ]; then
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat "$markdown" >>"$GITHUB_STEP_SUMMARY" || code=2
  elif [ -n "${TF_BUILD:-}" ]; then
    echo "##vso[task.uploadsummary]$markdown"
  else
    cat "$markdown"
  fi
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    [ -f "$markdown" ] && echo "report-markdown=$markdown"
    [ -f "$html" ] && echo "report-html=$html"
  } >>"$GITHUB_OUTPUT"
fi
case $code in
  0) echo "iothub-diag: no finding at or above $fail_on" >&2 ;;
  1) echo "iothub-diag: findings at or above $fail_on (see the summary and the report)" >&2 ;;
  *) echo "iothub-diag: the analysis failed (exit $code)" >&2 ;;
esac
exit $code
