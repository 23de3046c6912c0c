#!/usr/bin/env bash
# Per-trial fixed cost (docs/performance.md, "Per-trial fixed cost"): interleaved
# rounds of ssim_bench_run, the build before the change (BEFORE) and after it
# (AFTER), on the same BA 10^6 network, p = 0.01, both samplings, 1 and 2 threads.
#   usage: rounds.sh BEFORE_BIN AFTER_BIN NETWORK ROUNDS OUT.csv
# BEFORE_BIN/AFTER_BIN: ssim_bench_run of each build (Release, benchmarks/run.sh's
# build-bench); NETWORK: `sectorsim generate ba --nodes 1000000 --m 5 --seeds 10 --seed 1`.
set -euo pipefail
before=$1 after=$2 net=$3 rounds=$4 out=$5
root=$(cd "$(dirname "$0")/../../.." && pwd)
: >"$out"
for r in $(seq 1 "$rounds"); do
    for b in before after; do
        bin=$before
        [ "$b" = after ] && bin=$after
        echo "round $r $b: load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
        header=$([ -s "$out" ] && echo 0 || echo 1) # the column names once, first
        [ "$header" = 1 ] && export SSIM_BENCH_HEADER=1 || unset SSIM_BENCH_HEADER
        "$bin" "$root/benchmarks/scenarios/ic_ba.yaml" --network "$net" --sampling edge,geometric \
            --p 0.01 --threads 1,2 --repeat 3 --trials 2000000 |
            sed "1{/^label,/s/^/round,build,/;t}; s/^/$r,$b,/" >>"$out"
    done
done
