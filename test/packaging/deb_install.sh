#!/usr/bin/env bash
# The Debian package, end to end: cpack -G DEB from this build, lintian with no
# error, then installed on this machine with dpkg -i, where
# `iothub-diag --version` names the version,
# `iothub-diag analyze /usr/share/doc/iothub-diag/samples` gives the samples'
# report, man finds the page, bash-completion loads the completion and the CI
# step passes the samples with fail-on error as exit 1; removed, installed again
# by the CI step's installer (ci/scripts/install.sh) from a URL, and removed
# (also when a check fails). It needs root and refuses to touch an iothub-diag already
# installed; runs of it take turns through a lock. Without root it checks the
# package and its extracted tree, then says the installation was skipped.
# Usage: deb_install.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd) || exit 1
root=$(cd "$2" && pwd) || exit 1
status=0
fail() {
  echo "FAIL $*"
  status=1
}
skip() {
  if [ -n "${CI:-}" ]; then
    echo "FAIL $* (scripts/setup.sh --test installs what the test needs; CI runs as root)"
    exit 1
  fi
  echo "skip: $*"
  exit 77
}
# A sanitizer build is never packaged; scripts/test.sh checks the package of its Release build.
if grep -qx "IOTHUB_DIAG_SANITIZE:BOOL=ON" "$build/CMakeCache.txt"; then
  echo "skip: a sanitizer build is not packaged"
  exit 77
fi
for tool in cpack dpkg dpkg-shlibdeps lintian man flock; do
  command -v $tool >/dev/null || skip "$tool is missing"
done

work=$(mktemp -d)
installed=false
# Set while the package this test installed is on the machine: a run killed
# past its traps (a ctest timeout) leaves it, and the next run removes that copy.
marker=/var/tmp/iothub-diag-package-test.installed
cleanup() {
  if $installed; then
    dpkg --purge iothub-diag >/dev/null || echo "FAIL could not remove the package"
    [ ! -e /usr/bin/iothub-diag ] || echo "FAIL /usr/bin/iothub-diag is still there after removal"
    rm -f "$marker"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
(cd "$build" && cpack -G DEB -B "$work/package") >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack failed"; exit 1; }
deb="$work/package/iothub-diag_${version}_amd64.deb"
[ -f "$deb" ] || { fail "no $deb"; exit 1; }
depends=$(dpkg-deb -f "$deb" Depends)
for library in libc6 libsimdjson zlib1g libfmt libcurl; do
  grep -q "$library" <<<"$depends" || fail "Depends lacks $library: $depends"
done
listing=$(dpkg-deb -c "$deb")
for path in ./usr/bin/iothub-diag ./usr/share/man/man1/iothub-diag.1.gz \
  ./usr/share/bash-completion/completions/iothub-diag ./usr/share/zsh/vendor-completions/_iothub-diag \
  ./usr/share/doc/iothub-diag/copyright ./usr/share/doc/iothub-diag/changelog.gz \
  ./usr/share/doc/iothub-diag/samples/insights-logs-connections/; do
  grep -q " $path\$" <<<"$listing" || fail "the package lacks $path"
done
lintian --fail-on error "$deb" >"$work/lintian.log" 2>&1 ||
  { cat "$work/lintian.log"; fail "lintian reports errors"; }
echo "ok   package built, lintian: $(grep -c '^E:' "$work/lintian.log") errors, $(grep -c '^W:' "$work/lintian.log") warnings"

# The package's own tree, as dpkg would lay it out: the binary reads the samples beside it.
dpkg-deb -x "$deb" "$work/tree"
"$work/tree/usr/bin/iothub-diag" --version | head -1 | grep -qx "iothub-diag $version" ||
  fail "the packaged binary's --version: $("$work/tree/usr/bin/iothub-diag" --version 2>&1)"
NO_COLOR=1 "$work/tree/usr/bin/iothub-diag" analyze "$work/tree/usr/share/doc/iothub-diag/samples" \
  2>/dev/null | cmp -s - "$root/samples/expected/analyze.txt" ||
  fail "the packaged samples do not give samples/expected/analyze.txt"
[ $status -eq 0 ] && echo "ok   the package's tree: --version, its samples"
[ "$(id -u)" -eq 0 ] || { [ $status -eq 0 ] || exit 1; skip "installing the package with dpkg needs root"; }

exec 9>/tmp/iothub-diag-package-test.lock
flock 9
if [ -f "$marker" ]; then
  echo "note: removing the package an interrupted run of this test left installed"
  dpkg --purge iothub-diag >/dev/null && rm -f "$marker"
fi
if dpkg-query -W -f='${Status}' iothub-diag 2>/dev/null | grep -q "install ok installed"; then
  skip "iothub-diag is already installed on this machine; the test would replace it"
fi
installed=true
touch "$marker"
dpkg -i "$deb" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; fail "dpkg -i does not install the package"; exit 1; }
[ "$(command -v iothub-diag)" = /usr/bin/iothub-diag ] || fail "iothub-diag is not /usr/bin/iothub-diag"
/usr/bin/iothub-diag --version | head -1 | grep -qx "iothub-diag $version" ||
  fail "--version says: $(/usr/bin/iothub-diag --version)"
/usr/bin/iothub-diag --version | grep -q "^simdjson .*, zlib .*, fmt " || fail "--version lacks the libraries"

NO_COLOR=1 /usr/bin/iothub-diag analyze /usr/share/doc/iothub-diag/samples >"$work/report.txt" 2>/dev/null
code=$?
[ $code -eq 1 ] || fail "analyze of the installed samples exits $code, expected 1"
cmp -s "$work/report.txt" "$root/samples/expected/analyze.txt" ||
  fail "the installed samples do not give samples/expected/analyze.txt"
[ $status -eq 0 ] && echo "ok   installed: --version, analyze /usr/share/doc/iothub-diag/samples"

[ "$(man -w iothub-diag)" = /usr/share/man/man1/iothub-diag.1.gz ] || fail "man -w: $(man -w iothub-diag 2>&1)"
MANWIDTH=200 man iothub-diag 2>/dev/null | col -bx | grep -q -- "--fail-on" || fail "man iothub-diag lacks --fail-on"
if [ -f /usr/share/bash-completion/bash_completion ]; then
  loaded=$(bash -c 'source /usr/share/bash-completion/bash_completion
    __load_completion iothub-diag && complete -p iothub-diag')
  [ "$loaded" = "complete -F _iothub_diag iothub-diag" ] || fail "bash-completion loads: '$loaded'"
fi
GITHUB_STEP_SUMMARY="$work/summary.md" RUNNER_TEMP="$work" IOTHUB_DIAG_FAIL_ON=error \
  IOTHUB_DIAG_PATHS=/usr/share/doc/iothub-diag/samples bash "$root/ci/scripts/analyze.sh" 2>/dev/null
code=$?
[ $code -eq 1 ] || fail "the CI step with fail-on error exits $code, expected 1"
cmp -s "$work/summary.md" "$root/samples/expected/analyze.md" || fail "the CI step's summary differs"
[ $status -eq 0 ] && echo "ok   man iothub-diag, bash-completion, CI step with the installed binary"

# The CI step's installer, from a URL as a release asset would be given: apt-get install.
dpkg --purge iothub-diag >/dev/null || fail "dpkg --purge fails"
[ ! -e /usr/bin/iothub-diag ] || fail "dpkg --purge leaves /usr/bin/iothub-diag"
IOTHUB_DIAG_PACKAGE_URL="file://$deb" RUNNER_TEMP="$work" bash "$root/ci/scripts/install.sh" \
  >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "ci/scripts/install.sh fails"; }
/usr/bin/iothub-diag --version 2>/dev/null | head -1 | grep -qx "iothub-diag $version" ||
  fail "ci/scripts/install.sh did not install the package"
[ -f /usr/share/doc/iothub-diag/samples/insights-logs-connections/resourceId=/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/FACTORY-RG/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/CONTOSO-FLEET/y=2026/m=11/d=20/h=02/m=00/PT1H.json ] ||
  fail "ci/scripts/install.sh left out the samples"
[ $status -eq 0 ] && echo "ok   removed, then installed again by ci/scripts/install.sh from a URL"
exit $status
