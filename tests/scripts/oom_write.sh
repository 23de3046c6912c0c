#!/usr/bin/env bash
# Out of memory while the results file is built (issue 18, defect 1): under
# address-space limits of 220 to 340 MB a Japan run of 20 000 trials either
# succeeds (exit 0, the file) or stops with exit 3 (a resource limit) and
# leaves no file and no temporary: never a signal (it used to crash in
# HDF5's exit-time teardown), never another code.  At least one limit must
# fail while writing the file (out of memory in HDF5).  Not for sanitizer builds (ASan reserves far
# more address space than any of these limits).
#   usage: oom_write.sh SECTORSIM SOURCE_DIR
set -uo pipefail
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; hit=0
for kb in 220000 250000 280000 340000; do
  (ulimit -v "$kb"; exec "$bin" run "$src/scenarios/japan/baseline.yaml" -o "$tmp/o.h5" \
     --trials 20000 --threads 1 --quiet) >/dev/null 2>"$tmp/err"; rc=$?
  left=$(find "$tmp" -name '.o.h5*' | wc -l)
  case $rc in
    0) rm -f "$tmp/o.h5" ;;
    3) grep -q 'cannot write.*(out of memory)' "$tmp/err" && hit=1
       [ -e "$tmp/o.h5" ] && { echo "FAIL ${kb} kB: exit 3 left o.h5"; fail=1; } ;;
    *) echo "FAIL ${kb} kB: exit $rc: $(tail -c 300 "$tmp/err")"; fail=1 ;;
  esac
  [ "$left" -eq 0 ] || { echo "FAIL ${kb} kB: $left temporaries left"; fail=1; }
  echo "${kb} kB: exit $rc"
done
[ $hit = 1 ] || { echo "FAIL: no limit ran out of memory while writing (adjust the limits?)"; fail=1; }
exit $fail
