#!/usr/bin/env bash
# Run a scenario and read the file back with the independent h5py/xarray reader.
#   usage: run_and_check.sh SECTORSIM SCENARIO [RUN OPTIONS...]
set -euo pipefail
bin=$1; scenario=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" run "$scenario" -o "$tmp/out.h5" --quiet "$@" > "$tmp/stdout.txt"
/usr/bin/python3 "$here/h5check.py" "$tmp/out.h5"
"$bin" info "$tmp/out.h5" > /dev/null
