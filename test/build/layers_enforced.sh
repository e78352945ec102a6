#!/usr/bin/env bash
# Each layer sees only the include roots of the layers below it. Compiles an
# existing model source with the exact command from compile_commands.json plus
# a forced include of an analysis header, and expects the header not to be found.
# A model source compiled with a core header forced in must still compile, so a
# broken command line cannot pass for enforcement.
# Usage: layers_enforced.sh <build-dir> <source-dir>
set -euo pipefail
build_dir=$1
source_dir=$2
commands="$build_dir/compile_commands.json"
[[ -f $commands ]] || { echo "no $commands"; exit 1; }

# Prints the compile command of one source, with the object written to /dev/null
# and syntax checking only.
command_for() {
  python3 - "$commands" "$1" <<'PY'
import json, shlex, sys
entries = json.load(open(sys.argv[1]))
for entry in entries:
    if entry["file"] == sys.argv[2]:
        args = entry.get("arguments") or shlex.split(entry["command"])
        out = []
        skip = False
        for arg in args:
            if skip:
                skip = False
                continue
            if arg == "-o":
                skip = True
                continue
            out.append(arg)
        print(entry["directory"])
        print(shlex.join(out + ["-fsyntax-only"]))
        break
else:
    sys.exit(f"{sys.argv[2]} is not in compile_commands.json")
PY
}

check() {  # <source> <forced header> <expect: ok|missing>
  local info directory command output status=0
  info=$(command_for "$1")
  directory=$(sed -n 1p <<<"$info")
  command=$(sed -n 2p <<<"$info")
  output=$(cd "$directory" && eval "$command -include $2" 2>&1) || status=$?
  if [[ $3 == ok ]]; then
    if [[ $status -ne 0 ]]; then
      echo "FAIL: $1 with $2 should compile:"; echo "$output"; return 1
    fi
  elif [[ $status -eq 0 || $output != *"No such file"* ]]; then
    echo "FAIL: $1 could include $2 (exit $status):"; echo "$output"; return 1
  fi
  echo "ok: $1 + $2 ($3)"
}

check "$source_dir/src/model/event.cpp" iothub_diag/core/timestamp.hpp ok
check "$source_dir/src/model/event.cpp" iothub_diag/analysis/diagnosis.hpp missing
check "$source_dir/src/model/event.cpp" iothub_diag/input/ingest.hpp missing
check "$source_dir/src/simulate/fleet_plan.cpp" iothub_diag/model/event.hpp missing
check "$source_dir/src/input/ingest.cpp" iothub_diag/report/report.hpp missing
