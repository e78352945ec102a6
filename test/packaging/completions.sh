#!/usr/bin/env bash
# The generated shell completions. bash: loaded with bash-completion and
# without it, `iothub-diag an<TAB>` gives analyze, `--format <TAB>` the five
# report formats, `--lang` its languages, a FILE option and PATH file names, a
# DIR option folder names, `--format=j` json. zsh: the script parses and
# offers the same values.
# Usage: completions.sh MANUAL_DIR (holding iothub-diag.bash and _iothub-diag)
set -u
manual=$(cd "$1" && pwd) || exit 1
status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/logs-folder"
touch "$work/logs.json" "$work/config.json"

# Each case: the expected completions (sorted, one line), then the words of the
# command line; the last word is the one being completed. "=" stands alone, as
# bash splits --format=j at COMP_WORDBREAKS.
cases='
analyze|iothub-diag an
analyze kql rules simulate|iothub-diag ""
csv html json markdown text|iothub-diag analyze --format ""
csv html json markdown text|iothub-diag analyze -f ""
json jsonl|iothub-diag analyze --input-format j
en fr|iothub-diag analyze logs.json --lang ""
--format|iothub-diag analyze --for
error|iothub-diag analyze --fail-on e
config.json|iothub-diag analyze --config con
logs-folder logs.json|iothub-diag analyze lo
logs-folder|iothub-diag simulate -o lo
logs-folder|iothub-diag analyze --save lo
|iothub-diag analyze --since ""
--count|iothub-diag kql --cou
--help --version|iothub-diag --
'
driver='
complete_words() {
  COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE=; local word previous=
  for word in "$@"; do
    [[ -z $COMP_LINE || $word == = || $previous == = ]] || COMP_LINE+=" "
    COMP_LINE+=$word; previous=$word
  done
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _iothub_diag iothub-diag "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  printf "%s\n" "${COMPREPLY[@]}" | sed "s|/\$||" | sort | paste -sd " " -
}
'
run_bash() {  # label, preamble
  local label=$1 preamble=$2 expected words actual before=$status
  while IFS='|' read -r expected words; do
    [ -n "$words" ] || continue
    actual=$(cd "$work" && bash -c "$preamble
      source '$manual/iothub-diag.bash' || exit 3
      $driver
      complete_words $words")
    if [ "$actual" != "$expected" ]; then
      echo "FAIL bash ($label): $words<TAB> gives '$actual', expected '$expected'"
      status=1
    fi
  done <<<"$cases"
  actual=$(bash -c "$preamble source '$manual/iothub-diag.bash'; complete -p iothub-diag")
  [ "$actual" = "complete -F _iothub_diag iothub-diag" ] ||
    { echo "FAIL bash ($label): complete -p says '$actual'"; status=1; }
  # --format=j: three words without bash-completion, one when COMP_WORDBREAKS lacks '='.
  for words in 'iothub-diag analyze --format = j' 'iothub-diag analyze --format=j'; do
    actual=$(bash -c "$preamble source '$manual/iothub-diag.bash'; $driver complete_words $words")
    [ "$actual" = json ] || { echo "FAIL bash ($label): $words<TAB> gives '$actual'"; status=1; }
  done
  [ $status -ne $before ] || echo "ok   bash ($label)"
}
run_bash "plain compgen" ""
if [ -f /usr/share/bash-completion/bash_completion ]; then
  run_bash "bash-completion" "source /usr/share/bash-completion/bash_completion;"
elif [ -n "${CI:-}" ]; then
  echo "FAIL bash-completion is missing (scripts/setup.sh --test installs it)"
  status=1
else
  echo "skip bash-completion: not installed"
fi

if command -v zsh >/dev/null; then
  before=$status
  zsh -n "$manual/_iothub-diag" || { echo "FAIL zsh: the completion does not parse"; status=1; }
  for expected in "(text json markdown csv html)" "(en fr)" "'(-o --output)'{-o,--output}" \
    ":DIR:_files -/" "'*:PATH:_files'" "'analyze:Diagnose 404104"; do
    grep -qF -- "$expected" "$manual/_iothub-diag" ||
      { echo "FAIL zsh: no $expected in the completion"; status=1; }
  done
  [ $status -ne $before ] || echo "ok   zsh"
elif [ -n "${CI:-}" ]; then
  echo "FAIL zsh is missing (scripts/setup.sh --test installs it)"
  status=1
fi
exit $status
