#!/usr/bin/env bash
# sectorsim benchmarks: the one driver (benchmarks are programs, not tests).
#
#   benchmarks/run.sh [-s "1e5 1e6"] [-b] [-r REPEAT] [-t THREADS] [-o OUTDIR] [-P] [-J] [-q]
#
#   -s SIZES   BA sizes (nodes, m = 5, 10 seeds); default "1e5 1e6"
#   -b         big: add 1e7 (about 3 GB of CSV, tens of minutes on 2 cores)
#   -r R       repeats per sectorsim cell (median and minimum reported); default 3
#   -t LIST    sectorsim thread counts, comma-separated; default 1,2 (e.g. 1,2,4,8,16
#              on a larger machine; the peers always run at 1 and 2)
#   -o DIR     where networks, arcs files and results go; default /tmp/ssim_bench
#   -P         skip the peers (graph-tool, networkx)
#   -J         skip the Japan full-model rows
#   -q         quick: one tenth of the trials (a smoke run of the driver)
#
# What it does, in order:
#   1. builds sectorsim (Release) in build-bench/ and the benchmark program
#      build-bench/bin/ssim_bench_run (benchmarks/bench_run.c);
#   2. generates each BA network once with `sectorsim generate ba` (timed,
#      peak RSS) and writes its arcs + seeds for the peers (--dump-arcs);
#   3. independent cascade, p in {0.01, 0.05, 0.1}: sectorsim with
#      kernel.sampling edge and geometric at 1 and 2 threads (ssim_bench_run,
#      R repeats), graph-tool SIRState(gamma = 1) at
#      1 and 2 threads, and a plain networkx loop at 1e5 (benchmarks/peers_ic.py,
#      Debian's /usr/bin/python3);
#   4. the supply-chain model on the Japan network at scale 1, 10 and 100,
#      1 and 2 threads, summary-only and with per-trial time series;
#   5. prints the tables with the ratios and the agreement check
#      (benchmarks/report.py) and writes OUTDIR/results.csv, OUTDIR/gen.csv,
#      OUTDIR/machine.txt and OUTDIR/report.md.
# Every row carries the machine (CPU model, cores), the date, the thread
# count and a verification value (mean final size +- standard error; for
# sectorsim also its verification hash, identical at any thread count).
# The default run takes about 10-15 minutes on 2 cores.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes="1e5 1e6"
reps=3
threads=1,2
out=/tmp/ssim_bench
peers=1
japan=1
quick=0
while getopts "s:br:t:o:PJq" opt; do
    case $opt in
    s) sizes=$OPTARG ;;
    b) sizes="$sizes 1e7" ;;
    r) reps=$OPTARG ;;
    t) threads=$OPTARG ;;
    o) out=$OPTARG ;;
    P) peers=0 ;;
    J) japan=0 ;;
    q) quick=1 ;;
    *) sed -n '2,34p' "$0" >&2; exit 2 ;;
    esac
done
py=/usr/bin/python3
build=$root/build-bench
bin=$build/bin/sectorsim
bench=$build/bin/ssim_bench_run
mkdir -p "$out"
csv=$out/results.csv
gencsv=$out/gen.csv

# ---- 1. build
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target sectorsim ssim_bench_run >/dev/null

# ---- machine and date (every table names them)
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
    echo "cores: $(nproc)"
    echo "l2: $(lscpu | sed -n 's/^L2 cache: *//p' | head -n 1)"
    echo "l3: $(lscpu | sed -n 's/^L3 cache: *//p' | head -n 1)"
    echo "memory: $(free -g | awk '/^Mem/ {print $2 " GiB"}')"
    echo "os: $(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "compiler: $(gcc --version | head -n 1)"
    echo "sectorsim: $(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo +dirty)"
    echo "graph-tool: $($py -c 'import graph_tool; print(graph_tool.__version__)' 2>/dev/null || echo absent)"
    echo "networkx: $($py -c 'import networkx; print(networkx.__version__)' 2>/dev/null || echo absent)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "repeats: $reps (sectorsim: median of the repeats; peers: one run each)"
} >"$out/machine.txt"
cat "$out/machine.txt"

echo "label,model,operators,deps,arcs,p,output,threads,trials,repeat,median_s,min_s,trials_per_s,events_per_s,mean_size,se_size,arcs_per_trial,arcs_per_s,ns_per_activated,hash,result_bytes_per_trial,load_s,graph_s,prepare_s,rss_mb,cpu_s,trials_per_cpu_s,after_s" >"$csv"
echo "network,nodes,gen_s,gen_rss_mb,csv_mb,load_s,graph_s,bench_rss_mb" >"$gencsv"

# Trials per cell: enough for a few seconds at 1 thread (quick: a tenth).
trials_for() { # size p tool
    local n=$1 p=$2 tool=$3 t
    case "$tool:$n:$p" in
    ssim:1e5:0.01) t=200000 ;; ssim:1e5:0.05) t=4000 ;; ssim:1e5:0.1) t=400 ;;
    ssim:1e6:0.01) t=200000 ;; ssim:1e6:0.05) t=400 ;; ssim:1e6:0.1) t=40 ;;
    ssim:1e7:0.01) t=100000 ;; ssim:1e7:0.05) t=40 ;; ssim:1e7:0.1) t=4 ;;
    gt:1e5:0.01) t=200 ;; gt:1e5:0.05) t=100 ;; gt:1e5:0.1) t=20 ;;
    gt:1e6:0.01) t=20 ;; gt:1e6:0.05) t=20 ;; gt:1e6:0.1) t=6 ;;
    gt:1e7:*) t=2 ;;
    nx:1e5:0.01) t=20000 ;; nx:1e5:0.05) t=200 ;; nx:1e5:0.1) t=10 ;;
    *) t=10 ;;
    esac
    [ "$quick" = 1 ] && t=$(((t + 9) / 10))
    echo "$t"
}
nodes_of() { awk -v s="$1" 'BEGIN { printf "%d", s + 0 }'; }

# ---- 2-3. BA networks, independent cascade
for s in $sizes; do
    n=$(nodes_of "$s")
    net=$out/ba-$s
    if [ ! -e "$net/dependencies.csv" ]; then
        echo "generating BA $s ..." >&2
        /usr/bin/time -f "%e %M" -o "$out/gen-time.txt" "$bin" generate ba --nodes "$n" --m 5 \
            --seeds 10 --seed 1 -o "$net" >/dev/null 2>"$out/gen.err"
        read -r gen_s gen_kb <"$out/gen-time.txt"
    else
        gen_s=NA gen_kb=0
    fi
    "$bench" "$root/benchmarks/scenarios/ic_ba.yaml" --network "$net" --dump-arcs "$out/ba-$s.arcs"
    first=1
    for p in 0.01 0.05 0.1; do
        echo "IC BA $s p=$p: sectorsim (edge and geometric sampling) ..." >&2
        row=$("$bench" "$root/benchmarks/scenarios/ic_ba.yaml" --network "$net" --label "ba-$s" \
            --sampling edge,geometric --p "$p" --threads "$threads" --repeat "$reps" \
            --trials "$(trials_for "$s" "$p" ssim)")
        echo "$row" >>"$csv"
        if [ "$first" = 1 ]; then
            first=0
            awk -F, -v net="ba-$s" -v n="$n" -v gs="$gen_s" -v gk="$gen_kb" \
                -v mb="$(du -sm "$net" | cut -f1)" 'NR == 1 {
                printf "%s,%d,%s,%.1f,%s,%s,%s,%s\n", net, n, gs, gk / 1024, mb, $22, $23, $25 }' \
                <<<"$row" >>"$gencsv"
        fi
        if [ "$peers" = 1 ]; then
            echo "IC BA $s p=$p: graph-tool ..." >&2
            $py "$root/benchmarks/peers_ic.py" "$out/ba-$s.arcs" --impl graph-tool --p "$p" \
                --threads 1,2 --trials "$(trials_for "$s" "$p" gt)" --label "ba-$s" >>"$csv"
            if [ "$s" = 1e5 ]; then
                echo "IC BA $s p=$p: networkx ..." >&2
                $py "$root/benchmarks/peers_ic.py" "$out/ba-$s.arcs" --impl networkx --p "$p" \
                    --trials "$(trials_for "$s" "$p" nx)" --label "ba-$s" >>"$csv"
            fi
        fi
    done
done

# ---- 4. the supply-chain model on the Japan network
if [ "$japan" = 1 ]; then
    for scale in 1 10 100; do
        net=$out/japan-$scale
        if [ ! -e "$net/dependencies.csv" ]; then
            echo "generating Japan scale $scale ..." >&2
            /usr/bin/time -f "%e %M" -o "$out/gen-time.txt" "$bin" generate japan --scale "$scale" \
                -o "$net" >/dev/null 2>"$out/gen.err"
            read -r gen_s gen_kb <"$out/gen-time.txt"
        else
            gen_s=NA gen_kb=0
        fi
        case $scale in 1) t=4000 ;; 10) t=200 ;; *) t=10 ;; esac
        [ "$quick" = 1 ] && t=$(((t + 9) / 10))
        echo "Japan scale $scale: supply_chain ..." >&2
        row=$("$bench" "$root/scenarios/japan/baseline.yaml" --network "$net" \
            --label "japan-$scale" --threads "$threads" --output both --repeat "$reps" --trials "$t")
        echo "$row" >>"$csv"
        awk -F, -v net="japan-$scale" -v gs="$gen_s" -v gk="$gen_kb" \
            -v mb="$(du -sm "$net" | cut -f1)" 'NR == 1 {
            printf "%s,%d,%s,%.1f,%s,%s,%s,%s\n", net, $3, gs, gk / 1024, mb, $22, $23, $25 }' \
            <<<"$row" >>"$gencsv"
    done
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
$py "$root/benchmarks/report.py" "$out" | tee "$out/report.md"
