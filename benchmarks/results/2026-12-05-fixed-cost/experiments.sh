#!/usr/bin/env bash
# Throwaway builds that say what the rest of a p = 0.01 trial costs (not kept):
#   exp1.diff  no consequence row (ssim_cons_static_row not called: wrong people figures)
#   exp2.diff  no result row at all (the kernel writes operators_out only)
#   exp3.diff  ssim_cons_overlap without the division loop for a prefecture with one sector
# Each is applied to the commit after the change (the AFTER build); rounds interleaved,
# one thread, geometric sampling, BA 10^6, p = 0.01, 2 M trials, median of 3 per run.
#   usage: experiments.sh NETWORK ROUNDS OUT.csv AFTER_BIN EXP1_BIN EXP2_BIN EXP3_BIN
set -euo pipefail
net=$1 rounds=$2 out=$3
shift 3
names=(after exp1 exp2 exp3)
root=$(cd "$(dirname "$0")/../../.." && pwd)
: >"$out"
for r in $(seq 1 "$rounds"); do
    i=0
    for bin in "$@"; do
        [ -s "$out" ] && unset SSIM_BENCH_HEADER || export SSIM_BENCH_HEADER=1
        "$bin" "$root/benchmarks/scenarios/ic_ba.yaml" --network "$net" --sampling geometric \
            --p 0.01 --threads 1 --repeat 3 --trials 2000000 |
            sed "1{/^label,/s/^/round,build,/;t}; s/^/$r,${names[$i]},/" >>"$out"
        i=$((i + 1))
    done
done
