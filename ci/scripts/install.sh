#!/usr/bin/env bash
# Installs iothub-diag for a CI step, from a .deb on disk (IOTHUB_DIAG_PACKAGE)
# or at a URL (IOTHUB_DIAG_PACKAGE_URL, e.g. a release asset). With neither, an
# iothub-diag already on PATH is used as it is. Debian and Ubuntu runners; apt
# brings the libraries the package depends on.
set -euo pipefail

package=${IOTHUB_DIAG_PACKAGE:-}
url=${IOTHUB_DIAG_PACKAGE_URL:-}
if [ -z "$package" ] && [ -z "$url" ]; then
  if command -v iothub-diag >/dev/null; then
    echo "iothub-diag: using $(command -v iothub-diag)" >&2
    exit 0
  fi
  echo "iothub-diag: give a package (a .deb path) or a package-url to install it from" >&2
  exit 2
fi
if [ -z "$package" ]; then
  package="${RUNNER_TEMP:-${AGENT_TEMPDIRECTORY:-/tmp}}/iothub-diag.deb"
  curl --fail --silent --show-error --location --retry 3 --output "$package" "$url"
fi
[ -f "$package" ] || { echo "iothub-diag: no package at $package" >&2; exit 2; }
case $package in /*) ;; *) package="$PWD/$package" ;; esac

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
# Minimized images tell dpkg to leave out /usr/share/doc and /usr/share/man
# (path-exclude in /etc/dpkg/dpkg.cfg.d); the samples and the manual page are kept.
keep=(--path-include=/usr/share/doc/iothub-diag/* --path-include=/usr/share/man/man1/iothub-diag.1.gz)
if command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
    -o "DPkg::Options::=${keep[0]}" -o "DPkg::Options::=${keep[1]}" "$package" >/dev/null
else
  "${sudo_cmd[@]}" dpkg "${keep[@]}" -i "$package"
fi
iothub-diag --version >&2
