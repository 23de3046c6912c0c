#!/usr/bin/env bash
# sectorsim thread scaling on one machine (a benchmark program, not a test).
#
#   benchmarks/scaling.sh [-b BINDIR] [-t 1,2,4,8,16] [-r REPEAT] [-o OUTDIR] [-c CASES] [-q]
#
#   -b BINDIR  where sectorsim and ssim_bench_run are; default build-bench/bin
#              (benchmarks/run.sh builds them)
#   -t LIST    thread counts; default 1,2 and every power of two up to nproc
#   -r R       repeats per cell (the median is reported); default 3
#   -o DIR     networks and results; default /tmp/ssim_scaling
#   -c CASES   which of ic0.1, ic0.01, japan to run; default all three
#   -q         quick: a tenth of the trials
#
# What it runs, each at every thread count, R times:
#   - the independent cascade on a generated BA network (10^6 nodes, m = 5,
#     10 seeds), kernel.sampling edge and geometric, p = 0.01 and 0.1;
#   - the supply-chain model on the Japan network (scale 1, bundled),
#     summary output.
# It writes DIR/scaling.csv (ssim_bench_run's columns), DIR/machine.txt and
# prints the speed-up table (benchmarks/report.py's scaling section reads the
# same CSV).  Set SSIM_LOADER to a prefix command (for example a carried
# dynamic loader with --library-path) to run binaries built on another
# machine.  Takes about 5 minutes on 16 idle cores.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bindir=$root/build-bench/bin
threads=
reps=3
out=/tmp/ssim_scaling
quick=0
cases="ic0.1 ic0.01 japan"
while getopts "b:t:r:o:c:q" opt; do
    case $opt in
    b) bindir=$OPTARG ;;
    t) threads=$OPTARG ;;
    r) reps=$OPTARG ;;
    o) out=$OPTARG ;;
    c) cases=$OPTARG ;;
    q) quick=1 ;;
    *) sed -n '2,23p' "$0" >&2; exit 2 ;;
    esac
done
if [ -z "$threads" ]; then
    threads=1
    for ((t = 2; t <= $(nproc); t *= 2)); do threads=$threads,$t; done
fi
run() { ${SSIM_LOADER:-} "$bindir/$1" "${@:2}"; }
scale() { [ "$quick" = 1 ] && echo $((($1 + 9) / 10)) || echo "$1"; }
mkdir -p "$out"
csv=$out/scaling.csv

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "cores: $(nproc)"
    echo "memory: $(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "kernel: $(uname -r)"
    echo "sectorsim: $(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
    echo "threads: $threads; repeats: $reps"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/machine.txt"
cat "$out/machine.txt"

has() { [[ " $cases " == *" $1 "* ]]; }
header=1
bench() { # the CSV header once, then the rows
    if [ "$header" = 1 ]; then
        header=0
        SSIM_BENCH_HEADER=1 run ssim_bench_run "$@" | tee "$csv"
    else
        run ssim_bench_run "$@" | tee -a "$csv"
    fi
}
net=$out/ba-1e6
if { has ic0.1 || has ic0.01; } && [ ! -e "$net/dependencies.csv" ]; then
    start=$(date +%s%N)
    run sectorsim generate ba --nodes 1000000 --m 5 --seeds 10 --seed 1 -o "$net" >/dev/null
    echo "generated BA 1e6 in $((($(date +%s%N) - start) / 1000000)) ms"
fi
if has ic0.1; then
    bench "$root/benchmarks/scenarios/ic_ba.yaml" --network "$net" --label ba-1e6 \
        --sampling edge,geometric --p 0.1 --threads "$threads" --repeat "$reps" \
        --trials "$(scale 96)"
fi
if has ic0.01; then
    bench "$root/benchmarks/scenarios/ic_ba.yaml" --network "$net" --label ba-1e6 \
        --sampling edge,geometric --p 0.01 --threads "$threads" --repeat "$reps" \
        --trials "$(scale 1000000)"
fi
if has japan; then
    bench "$root/scenarios/japan/baseline.yaml" --label japan-1 --threads "$threads" \
        --repeat "$reps" --trials "$(scale 4000)"
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"

# Speed-up over 1 thread per case (column 13 is trials_per_s).
awk -F, 'NR > 1 {
    key = $1 " " $2 " p=" $6; t[key, $8] = $13; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    ths[$8] = 1 }
    END {
        printf "\n| case | threads | trials/s | speed-up |\n|---|---|---|---|\n"
        for (i = 1; i <= n; i++)
            for (th = 1; th <= 256; th *= 2)
                if ((order[i], th) in t)
                    printf "| %s | %d | %.4g | %.2fx |\n", order[i], th, t[order[i], th],
                           t[order[i], th] / t[order[i], 1]
    }' "$csv" | tee "$out/scaling.md"
