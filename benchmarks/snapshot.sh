#!/usr/bin/env bash
# Network snapshots at national size (a benchmark, not a test): the Japan
# network generated at a large scale, packed with `sectorsim network pack`,
# then `sectorsim validate` of the baseline scenario on the CSV directory and
# on the snapshot, and ssim_bench_run's split of a snapshot load.
#
#   benchmarks/snapshot.sh [-b BINDIR] [-s SCALE] [-o DIR] [-r REPEAT] [-k]
#
#   -b BINDIR   where sectorsim and ssim_bench_run are; default build/bin
#   -s SCALE    `generate japan --scale`; default 2047 (10,001,642 operators,
#               59.5 M supply edges, 27.9 M dependencies, 4.0 GB of CSV)
#   -o DIR      the network, the snapshot and the logs; default /tmp/ssim_snapshot
#   -r REPEAT   validate runs of each kind, interleaved (default 2)
#   -k          keep the network and the snapshot (about 7 GB at the default
#               scale); otherwise both are removed at the end
#
# Needs /usr/bin/time (peak RSS).  Writes DIR/snapshot.csv, one row a timed
# command (what, wall_s, user_s, sys_s, peak_rss_MB, bytes), and the
# programs' output beside it.  The page cache is not dropped (that needs
# root): a second run of each kind reads files the first one cached, so the
# first rows are the colder ones.  Peak RSS counts the mapped snapshot's
# pages that were touched (file pages, shared with the page cache).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bindir=$root/build/bin
scale=2047
out=/tmp/ssim_snapshot
repeat=2
keep=0
while getopts "b:s:o:r:k" opt; do
    case $opt in
    b) bindir=$OPTARG ;;
    s) scale=$OPTARG ;;
    o) out=$OPTARG ;;
    r) repeat=$OPTARG ;;
    k) keep=1 ;;
    *) sed -n '2,24p' "$0" >&2; exit 2 ;;
    esac
done
bin=$bindir/sectorsim
[ -x "$bin" ] || { echo "snapshot.sh: no sectorsim in $bindir (build it first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "snapshot.sh: needs /usr/bin/time" >&2; exit 2; }
mkdir -p "$out"
net=$out/net
ssn=$out/japan.ssn
scenario=$root/scenarios/japan/baseline.yaml
csv=$out/snapshot.csv
echo "what,wall_s,user_s,sys_s,peak_rss_MB,bytes" >"$csv"

# timed LABEL LOG BYTES -- COMMAND...: run it under time -v, add a row.
timed() {
    local label=$1 log=$2 bytes=$3
    shift 4
    /usr/bin/time -v "$@" >"$log" 2>&1
    awk -v OFS=, -v what="$label" -v bytes="$bytes" '
        /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); w = 0
                                   for (i = 1; i <= n; i++) w = w * 60 + t[i] }
        /User time/ { u = $NF } /System time/ { s = $NF }
        /Maximum resident set size/ { m = $NF / 1024 }
        END { printf "%s,%.2f,%.2f,%.2f,%.0f,%s\n", what, w, u, s, m, bytes }' "$log" |
        tee -a "$csv"
}

if [ ! -e "$net/dependencies.csv" ]; then
    timed generate "$out/generate.txt" "" -- \
        "$bin" generate japan --facts "$root/scenarios/data" --scale "$scale" -o "$net"
fi
csv_bytes=$(du -cb "$net"/*.csv | tail -1 | cut -f1)
timed pack "$out/pack.txt" "" -- "$bin" network pack "$net" -o "$ssn"
ssn_bytes=$(stat -c %s "$ssn")
for i in $(seq "$repeat"); do
    timed validate_csv "$out/validate_csv_$i.txt" "$csv_bytes" -- \
        "$bin" validate "$scenario" --network "$net"
    timed validate_snapshot "$out/validate_snapshot_$i.txt" "$ssn_bytes" -- \
        "$bin" validate "$scenario" --network "$ssn"
done
# The same network shape either way (below its first line, which names the path).
for f in "$out"/validate_csv_1.txt "$out"/validate_snapshot_1.txt; do
    sed -n '/^network/,/^ok/p' "$f" | tail -n +2 | md5sum
done | uniq | wc -l | grep -qx 1 || { echo "snapshot.sh: the shapes differ" >&2; exit 1; }

# Where the snapshot's load goes: load (with its phases), graph, model prepare,
# one trial (ssim_bench_run, which times them apart).
if [ -x "$bindir/ssim_bench_run" ]; then
    SSIM_BENCH_HEADER=1 SSIM_BENCH_DEBUG=1 "$bindir/ssim_bench_run" "$scenario" --network "$ssn" \
        --trials 1 --threads 1 --repeat 1 --label snapshot >"$out/bench_snapshot.csv" \
        2>"$out/bench_snapshot.txt"
    grep '^snapshot ' "$out/bench_snapshot.txt" || true
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
             { printf "bench_run on the snapshot: load %s s, graph %s s, prepare %s s, RSS %s MB\n",
                      $c["load_s"], $c["graph_s"], $c["prepare_s"], $c["rss_mb"] }' \
        "$out/bench_snapshot.csv"
fi
[ "$keep" = 1 ] || rm -rf "$net" "$ssn"
