#!/usr/bin/env bash
# Installs what iothub-diag needs from Debian's packages, when any is missing.
# Safe to run again: it does nothing then. `scripts/setup.sh` installs the build
# tools and libraries; `scripts/setup.sh --test` adds what the test suite uses;
# `scripts/setup.sh --bench` what bench/throughput.sh compares with (jq, GNU
# time, and DuckDB from npm, pinned in bench/duckdb/package.json), and valgrind
# for bench/count_instructions.sh.
set -euo pipefail

packages=(cmake ninja-build g++ nlohmann-json3-dev libcli11-dev libfmt-dev catch2 libsimdjson-dev
  zlib1g-dev libxxhash-dev libcurl4-openssl-dev)
if [ "${1:-}" = "--test" ]; then
  # chromium: golden.html_chromium loads the HTML report in a real browser;
  # clang-format: scripts/check-style.sh; clang-tidy: scripts/check-tidy.sh;
  # nodejs (npm comes with it, or as Debian's npm): workspace.kql_language_service runs
  # Microsoft's Kusto language service; python3: scripts/check-doc-references.py.
  # dpkg-dev (dpkg-shlibdeps), lintian: packaging.deb_install builds the package with
  # cpack and checks it; man-db, groff: packaging.man_page renders the manual page;
  # bash-completion, zsh: packaging.completions loads the completions; python3-yaml:
  # packaging.ci_action reads the GitHub action and the Azure Pipelines template.
  packages+=(chromium clang-format clang-tidy nodejs python3 dpkg-dev lintian man-db groff
    bash-completion zsh python3-yaml)
  command -v npm >/dev/null || packages+=(npm)
fi
if [ "${1:-}" = "--bench" ]; then
  packages+=(jq time nodejs valgrind)
  command -v npm >/dev/null || packages+=(npm)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The Kusto language service (npm, pinned in test/kql/package.json) for the KQL test.
kql_dir="$(dirname "$0")/../test/kql"
if [ "${1:-}" = "--test" ] && [ ! -d "$kql_dir/node_modules/@kusto/language-service-next" ]; then
  echo "setup: installing the Kusto language service (npm) into test/kql" >&2
  (cd "$kql_dir" && npm install --no-package-lock --no-audit --no-fund --silent)
fi

# DuckDB (npm @duckdb/node-api, pinned in bench/duckdb/package.json), only for the benchmark.
duckdb_dir="$(dirname "$0")/../bench/duckdb"
if [ "${1:-}" = "--bench" ] && [ ! -d "$duckdb_dir/node_modules/@duckdb/node-api" ]; then
  echo "setup: installing DuckDB (npm) into bench/duckdb" >&2
  (cd "$duckdb_dir" && npm install --no-package-lock --no-audit --no-fund --silent)
fi
