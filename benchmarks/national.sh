#!/usr/bin/env bash
# A national-size run (a benchmark, not a test): the Japan network generated at
# a large scale, then the bundled baseline scenario on it with `sectorsim run`.
#
#   benchmarks/national.sh [-b BINDIR] [-s SCALE] [-n TRIALS] [-t THREADS] [-o DIR] [-k]
#
#   -b BINDIR   where sectorsim is; default build-bench/bin (benchmarks/run.sh
#               builds it; any build of sectorsim works: the network is made
#               from this tree's fact tables, to match its scenario)
#   -s SCALE    `generate japan --scale`; default 2047 (10,001,642 operators,
#               59.5 M supply edges, 27.9 M dependencies, 4.0 GB of CSV)
#   -n TRIALS   default 1000
#   -t THREADS  default: all cores
#   -o DIR      the network and the results; default /tmp/ssim_national
#   -k          keep the results file (about 2 GB at the default scale); the
#               network is always kept, and reused when DIR/net exists
#
# The default is issue 7's target: a 10^7-operator Japan-like network runs a
# 1,000-trial scenario on a 24 GiB machine.  About 8 minutes to generate and
# check the network and an hour for the run on 2 cores, 9.8 GB peak
# (benchmarks/results/2026-11-26-japan-1e7/).  Writes DIR/national.csv (one
# row, columns below) and DIR/generate.txt, DIR/run.txt (the programs' output
# and /usr/bin/time -v).
#   scale, operators, supply_edges, dependencies, threads, trials,
#   generate_s       `generate japan` wall time, writing and check included
#                    (empty when the network was reused)
#   run_s            the whole `sectorsim run`: load, trials, HDF5 write
#   loop_s           the trial loop alone (/provenance elapsed_seconds)
#   trials_per_s     trials / loop_s
#   events_per_trial mean of /results/events (Debian's /usr/bin/python3, h5py)
#   events_per_s     events_per_trial * trials / loop_s
#   peak_rss_MB      of the run (/usr/bin/time -v);  output_MB  the results file
#   hash             the run's verification hash
#
# On a machine without h5py (or with SSIM_NO_H5PY=1) the shape and loop_s come
# from `sectorsim info` (loop_s to 3 significant digits) and the two events
# columns stay empty; without /usr/bin/time, peak_rss_MB does.  Set
# SSIM_LOADER to a prefix command (for example a carried dynamic loader with
# --library-path) to run a sectorsim built on another machine, as
# benchmarks/scaling.sh does.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bindir=$root/build-bench/bin
scale=2047
trials=1000
threads=$(nproc)
out=/tmp/ssim_national
keep=0
while getopts "b:s:n:t:o:k" opt; do
    case $opt in
    b) bindir=$OPTARG ;;
    s) scale=$OPTARG ;;
    n) trials=$OPTARG ;;
    t) threads=$OPTARG ;;
    o) out=$OPTARG ;;
    k) keep=1 ;;
    *) sed -n '2,38p' "$0" >&2; exit 2 ;;
    esac
done
bin=$bindir/sectorsim
[ -x "$bin" ] || { echo "national.sh: no sectorsim in $bindir (build it first)" >&2; exit 2; }
# sectorsim, through the loader prefix when one is set, and timed when
# /usr/bin/time is there
timed=()
[ -x /usr/bin/time ] && timed=(/usr/bin/time -v)
sim() { "${timed[@]}" ${SSIM_LOADER:-} "$bin" "$@"; }
mkdir -p "$out"
net=$out/net
h5=$out/baseline.h5
rm -f "$h5"

gen_s=
if [ ! -e "$net/dependencies.csv" ]; then
    start=$(date +%s%N)
    sim generate japan --facts "$root/scenarios/data" --scale "$scale" \
        -o "$net" >"$out/generate.txt" 2>&1
    gen_s=$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')
    echo "generated $net in $gen_s s"
fi
start=$(date +%s%N)
sim run "$root/scenarios/japan/baseline.yaml" --network "$net" \
    --trials "$trials" --threads "$threads" -o "$h5" >"$out/run.txt" 2>&1
run_s=$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')

# The hash and the peak RSS from the run's output; the network's shape, the
# events and the trial loop's time from the results file.
hash=$(sed -n 's/^verification hash: //p' "$out/run.txt")
rss=$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$out/run.txt")
out_mb=$(du -m "$h5" | cut -f1)
if [ -z "${SSIM_NO_H5PY:-}" ] && /usr/bin/python3 -c 'import h5py' 2>/dev/null; then
    shape=$(/usr/bin/python3 - "$h5" <<'EOF'
import sys
import h5py
with h5py.File(sys.argv[1], "r") as f:
    ev = f["results/events"][:].astype(float)
    print(f["network/operator"].shape[0], f["network/supply_edge"].shape[0],
          f["network/dependency"].shape[0], ev.mean(),
          float(f["provenance"].attrs["elapsed_seconds"]))
EOF
    )
else # "-" for the events: read leaves no field empty
    shape=$(${SSIM_LOADER:-} "$bin" info "$h5" | awk '
        /^  operators /    { sub(":", "", $2); o = $2 }
        /^  supply edges / { s = $3 }
        /^  dependencies / { d = $2 }
        /trial loop /      { match($0, /trial loop [^ ]+/); l = substr($0, RSTART + 11, RLENGTH - 11) }
        END                { print o, s, d, "-", l }')
fi
read -r ops supply deps ev_trial loop_s <<<"$shape"
{
    echo "scale,operators,supply_edges,dependencies,threads,trials,generate_s,run_s,loop_s,trials_per_s,events_per_trial,events_per_s,peak_rss_MB,output_MB,hash"
    awk -v OFS=, -v s="$scale" -v o="$ops" -v se="$supply" -v d="$deps" -v th="$threads" \
        -v n="$trials" -v g="$gen_s" -v r="$run_s" -v l="$loop_s" -v e="$ev_trial" \
        -v m="$rss" -v om="$out_mb" -v h="$hash" \
        'BEGIN { ev = e == "-" ? "" : sprintf("%.4g", e)
                 evs = e == "-" ? "" : sprintf("%.4g", e * n / l)
                 print s, o, se, d, th, n, g, r, sprintf("%.4g", l), sprintf("%.4g", n / l), ev, evs,
                       m, om, h }'
} | tee "$out/national.csv"
[ "$keep" = 1 ] || rm -f "$h5"
