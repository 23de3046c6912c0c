#!/usr/bin/env bash
# Thread invariance: the same scenario and seed at 1, 2, 3 and 4 threads must
# give byte-identical result datasets (everything outside /provenance) and the
# same verification hash.
#   usage: thread_invariance.sh SECTORSIM SCENARIO [EXTRA RUN OPTIONS...]
set -euo pipefail
bin=$1; scenario=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for t in 1 2 3 4; do
  "$bin" run "$scenario" -o "$tmp/t$t.h5" --threads "$t" --quiet "$@" > "$tmp/t$t.txt"
  grep -q '^verification hash: ' "$tmp/t$t.txt"
done
for t in 2 3 4; do
  /usr/bin/python3 "$here/h5compare.py" "$tmp/t1.h5" "$tmp/t$t.h5"
  cmp "$tmp/t1.txt" "$tmp/t$t.txt"
done
echo "thread invariance: 1, 2, 3, 4 threads give identical results ($(grep '^verification' "$tmp/t1.txt"))"
