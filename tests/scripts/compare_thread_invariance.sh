#!/usr/bin/env bash
# Thread invariance of `sectorsim compare`: 1, 2 and 3 threads must give the
# same stdout and byte-identical datasets outside /provenance.
#   usage: compare_thread_invariance.sh SECTORSIM SCENARIO
set -euo pipefail
bin=$1; scenario=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for t in 1 2 3; do
  "$bin" compare "$scenario" -o "$tmp/t$t.h5" --threads "$t" --quiet > "$tmp/t$t.txt"
done
for t in 2 3; do
  /usr/bin/python3 "$here/h5compare.py" "$tmp/t1.h5" "$tmp/t$t.h5"
  cmp "$tmp/t1.txt" "$tmp/t$t.txt"
done
echo "compare thread invariance: 1, 2, 3 threads give identical comparisons"
