#!/usr/bin/env bash
# A results file that makes HDF5 1.10 crash inside the library (recipes from
# docs/testing.md, "Fuzzing": one byte of the DIIM seed, three of the tiny
# comparison's) gives exit 4 and a message naming the file from `info` and
# `summarize`, never a signal, and `summarize --csv` leaves no folder.
# A file that makes HDF5 loop forever (a free-space object of size 0 in the
# global heap) ends with exit 4 after the reader's CPU limit, lowered to 2 s
# through sectorsim-inject (SSIM_INJECT_READ_CPU; the program's is 120 s).
#   usage: damaged_results.sh SECTORSIM SECTORSIM-INJECT SOURCE_DIR
set -euo pipefail
bin=$1; inject=$2; src=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "damaged_results: $*" >&2; exit 1; }
/usr/bin/python3 - "$src/tests/fuzz/corpus/h5read" "$tmp" <<'PY'
import sys
seeds, out = sys.argv[1], sys.argv[2]
b = bytearray(open(f"{seeds}/seed-diim", "rb").read()); b[31350] = 0xFF
open(f"{out}/diim.h5", "wb").write(b)
b = bytearray(open(f"{seeds}/seed-tiny-compare", "rb").read())
for i in (6005, 6006, 6007):
    b[i] = 0xFF
open(f"{out}/compare.h5", "wb").write(b)
b = bytearray(open(f"{seeds}/seed-diim", "rb").read())
for i in list(range(2064, 2066)) + list(range(2072, 2080)):
    b[i] = 0
open(f"{out}/loop.h5", "wb").write(b)
PY
check() { # FILE ARGS...
  local f=$1; shift
  local rc=0
  timeout 60 "$bin" "$@" > /dev/null 2> "$tmp/err" || rc=$?
  [ "$rc" -eq 4 ] || fail "'$*' exited $rc (expected 4; 139 is the crash): $(cat "$tmp/err")"
  grep -q "$f: reading this results file crashed inside the HDF5 library" "$tmp/err" ||
    fail "'$*': no message naming the file: $(cat "$tmp/err")"
}
rc=0
SSIM_INJECT_READ_CPU=2 timeout 120 "$inject" info "$tmp/loop.h5" > /dev/null 2> "$tmp/err" || rc=$?
[ "$rc" -eq 4 ] || fail "info on the looping file exited $rc (expected 4; 124: hung): $(cat "$tmp/err")"
grep -q "$tmp/loop.h5: HDF5 spent 2 s of CPU reading this results file without finishing" \
  "$tmp/err" || fail "info on the looping file: $(cat "$tmp/err")"
check "$tmp/diim.h5" summarize "$tmp/diim.h5"
check "$tmp/diim.h5" summarize "$tmp/diim.h5" --csv "$tmp/csv"
[ ! -e "$tmp/csv" ] || fail "summarize --csv left $tmp/csv"
check "$tmp/compare.h5" info "$tmp/compare.h5"
check "$tmp/compare.h5" summarize "$tmp/compare.h5"
# an undamaged file still reads, and the guard is gone after it (no effect on exit 0)
"$bin" info "$src/tests/fuzz/corpus/h5read/seed-diim" > /dev/null || fail "the undamaged seed failed"
echo "damaged_results: exit 4 with the file named, no signal, no hang, no output"
