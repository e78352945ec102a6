#!/usr/bin/env bash
# The generated manual page: groff -ww and man --warnings render it without a
# warning, and for the program and each of its commands it lists exactly the
# options and positionals that `iothub-diag [COMMAND] --help` lists.
# Usage: man_page.sh BINARY MAN_PAGE
set -u
binary=$(realpath "$1") || exit 1
page=$2
status=0
fail() {
  echo "FAIL $*"
  status=1
}
for tool in groff man col; do
  if ! command -v $tool >/dev/null; then
    [ -n "${CI:-}" ] && { echo "FAIL $tool is missing (scripts/setup.sh --test installs it)"; exit 1; }
    echo "skip: $tool is missing (scripts/setup.sh --test installs it)"
    exit 77
  fi
done

warnings=$(groff -ww -man -Tutf8 -z "$page" 2>&1)
[ -z "$warnings" ] || fail "groff -ww warns:"$'\n'"$warnings"
# lintian's own check of manual pages.
warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
[ -z "$warnings" ] || fail "man --warnings warns:"$'\n'"$warnings"
rendered=$(MANWIDTH=200 man -l "$page" 2>/dev/null | col -bx)
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
  grep -qx "$section" <<<"$rendered" || fail "no $section section"
done
for text in NO_COLOR IOTHUB_DIAG_ACCESS_TOKEN /usr/share/doc/iothub-diag/samples; do
  grep -qF -- "$text" <<<"$rendered" || fail "the page never mentions $text"
done

# Names in --help: "  -f,--format TEXT..." under Options, "  PATH TEXT ..." under Positionals.
help_names() {
  "$binary" "$@" --help | awk '
    /^[A-Z][a-z]*:$/ { section = $0; next }
    /^[^ ]/ { section = "" }
    (section == "Options:" || section == "Positionals:") && /^  [^ ]/ {
      n = split($1, names, ","); for (i = 1; i <= n; i++) { sub(/\{.*/, "", names[i]); print names[i] }
    }' | sort
}
# Names in the page: "       -f, --format TEXT" items of the section (OPTIONS) or subsection (a command).
page_names() {
  awk -v want="$1" '
    /^[^ ]/ { inside = ($0 == want); next }
    /^   [^ ]/ { if (want != "OPTIONS") inside = ($0 == "   " want); else inside = 0; next }
    inside && /^       [^ ]/ {
      line = $0; sub(/^ +/, "", line)
      if (line ~ /^-/) {
        n = split(line, words, " ")
        for (i = 1; i <= n; i++) { name = words[i]; sub(/,$/, "", name); if (name ~ /^-/) print name }
      } else if (line ~ /^[A-Z]+( \.\.\.)?$/) { split(line, words, " "); print words[1] }
    }' <<<"$rendered" | sort
}
compare() {
  local what=$1 help page
  shift
  help=$(help_names "$@")
  page=$(page_names "$what")
  [ -n "$help" ] || fail "no option found in the help of '$*'"
  if [ "$help" != "$page" ]; then
    fail "the page's $what lists other options than --help:"
    diff <(echo "$help") <(echo "$page")
  else
    echo "ok   $what: $(wc -l <<<"$help") names"
  fi
}
compare OPTIONS
commands=$("$binary" --help | awk '/^Subcommands:$/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || fail "no command in --help"
for command in $commands; do compare "$command" "$command"; done
exit $status
