#!/usr/bin/env bash
# Three interleaved rounds at BA 1e6, p = 0.1 (each: sectorsim geometric, 3 repeats
# of 40 trials, then graph-tool, 6 trials, at 1 and 2 threads), on the network
# and arcs of a benchmarks/run.sh output folder.
set -euo pipefail
root=${1:-/work/main}; d=${2:-/tmp/ssim_final}; out=${3:-/tmp/rounds}
head -1 "$d/results.csv" >"$out/rounds-sectorsim.csv"
head -1 "$d/results.csv" >"$out/rounds-graph-tool.csv"
for r in 1 2 3; do
  "$root/build-bench/bin/ssim_bench_run" \
      "$root/benchmarks/scenarios/ic_ba.yaml" --network "$d/ba-1e6" --label ba-1e6 \
      --sampling geometric --p 0.1 --threads 1,2 --repeat 3 --trials 40 \
      | tee -a "$out/rounds-sectorsim.csv"
  /usr/bin/python3 "$root/benchmarks/peers_ic.py" "$d/ba-1e6.arcs" \
      --impl graph-tool --p 0.1 --trials 6 --threads 1,2 --label ba-1e6 \
      | tee -a "$out/rounds-graph-tool.csv"
done
