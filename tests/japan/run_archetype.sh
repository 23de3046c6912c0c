#!/bin/sh
# Run one Japan scenario on a generated network and check its calibration.
#
# usage: run_archetype.sh SECTORSIM PYTHON SCENARIO NETWORK_DIR OUT.h5 TRIALS [CHECK_ARGS...]
#
# Runs `sectorsim run SCENARIO --network NETWORK_DIR --trials TRIALS -o OUT.h5`
# (the network of the build tree, not the committed copy), then
# check_funnel.py OUT.h5 CHECK_ARGS (e.g. --funnel 0.45 0.65), which exits 1
# when a measured value is outside its documented range.  PYTHON "-" skips the
# check (no h5py).
set -eu
bin=$1 py=$2 scenario=$3 net=$4 out=$5 trials=$6
shift 6
here=$(dirname "$0")
rm -f "$out"
"$bin" run "$scenario" --network "$net" --trials "$trials" --threads 2 --quiet -o "$out" >/dev/null
test -s "$out"
if [ "$py" != "-" ]; then
    "$py" "$here/check_funnel.py" "$out" "$@"
fi
