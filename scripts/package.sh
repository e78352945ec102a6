#!/usr/bin/env bash
# Builds the Debian package: build-package/package/iothub-diag_<version>_amd64.deb.
# A Release build of its own with Debian's hardening flags (dpkg-buildflags),
# the manual page and completions generated from the command line, then
# `cpack -G DEB`, whose Depends come from dpkg-shlibdeps. Then lintian, when
# installed, checks it (an error fails the script). `scripts/package.sh DIR`
# builds in DIR instead of build-package.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build-package}

scripts/setup.sh
command -v dpkg-shlibdeps >/dev/null || {
  echo "package: dpkg-shlibdeps is missing: install dpkg-dev (scripts/setup.sh --test)" >&2
  exit 2
}
# Every hardening Debian knows (bindnow too); -D_FORTIFY_SOURCE comes in CPPFLAGS,
# which CMake does not read for C++. Given as cache values, so a rerun applies them.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cxx_flags="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS)"
linker_flags=$(dpkg-buildflags --get LDFLAGS)
# Only what the package holds is built: not the tests, the benchmark or everything `install` would.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DIOTHUB_DIAG_TESTS=OFF \
  -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON -DCMAKE_CXX_FLAGS="$cxx_flags" \
  -DCMAKE_EXE_LINKER_FLAGS="$linker_flags"
cmake --build "$build_dir" -j"$(nproc)" --target iothub-diag iothub_diag_manual
(cd "$build_dir" && cpack -G DEB -B "$PWD/package")
deb=$(ls "$build_dir"/package/iothub-diag_*.deb)
if command -v lintian >/dev/null; then
  lintian --fail-on error --info "$deb"
fi
echo "package: $deb"
