#!/usr/bin/env bash
# Scale-out benchmark (docs/scale-out.md): wall time of one study over a
# matrix of MPI ranks x OpenMP threads, its speed-up and parallel efficiency
# against 1 x 1, and a check that every cell wrote the same datasets.
#
#   benchmarks/scaleout.sh [-r RANKS] [-t THREADS] [-o DIR] [-- COMMAND ARGS...]
#
#   -r  rank counts, comma-separated (default 1,2)
#   -t  thread counts, comma-separated (default 1,2)
#   -o  output directory (default benchmarks/results/scaleout-<date>)
#   COMMAND ARGS: the sectorsim command (default: run the Japan baseline,
#       20 000 trials, --summary-only)
#
# Writes DIR/scaleout.csv: ranks, threads, cores used, wall seconds, speed-up,
# efficiency (speed-up / (ranks x threads)), the verification hash (run) or
# "same" when the file equals the 1 x 1 file outside /provenance.  Cells with
# more ranks x threads than cores are oversubscribed: their times say nothing
# about scaling (the CSV marks them).  SECTORSIM names the binary
# (default build/bin/sectorsim).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${SECTORSIM:-$here/build/bin/sectorsim}
ranks=1,2
threads=1,2
out=$here/benchmarks/results/scaleout-$(date -u +%Y-%m-%d)
while getopts "r:t:o:" o; do
  case $o in
    r) ranks=$OPTARG ;;
    t) threads=$OPTARG ;;
    o) out=$OPTARG ;;
    *) sed -n 2,20p "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift
cmd=("$@")
[ ${#cmd[@]} -gt 0 ] || cmd=(run "$here/scenarios/japan/baseline.yaml" --trials 20000 --summary-only)
mkdir -p "$out"
cores=$(nproc)
csv=$out/scaleout.csv
echo "ranks,threads,cores,wall_s,speedup,efficiency,oversubscribed,same_as_1x1" > "$csv"
{
  echo "# $(date -u +%FT%TZ) $(uname -n) $(nproc) cores; $("$bin" --version)"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# command: sectorsim ${cmd[*]}"
} > "$out/machine.txt"
base=""
for r in ${ranks//,/ }; do
  for t in ${threads//,/ }; do
    file=$out/r${r}t${t}.h5
    start=$(date +%s.%N)
    if [ "$r" -eq 1 ]; then
      "$bin" "${cmd[@]}" --threads "$t" -q -o "$file" > /dev/null
    else
      mpirun --oversubscribe --allow-run-as-root -np "$r" \
        "$bin" "${cmd[@]}" --threads "$t" -q -o "$file" > /dev/null
    fi
    wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    [ -n "$base" ] || base=$wall
    speed=$(awk -v a="$base" -v b="$wall" 'BEGIN { print a / b }')
    eff=$(awk -v s="$speed" -v n=$((r * t)) 'BEGIN { print s / n }')
    over=$([ $((r * t)) -gt "$cores" ] && echo yes || echo no)
    same=$(/usr/bin/python3 "$here/tests/scripts/h5compare.py" "$out/r1t1.h5" "$file" > /dev/null \
      2>&1 && echo yes || echo NO)
    printf "%d,%d,%d,%.2f,%.2f,%.2f,%s,%s\n" "$r" "$t" "$cores" "$wall" "$speed" "$eff" "$over" \
      "$same" | tee -a "$csv"
  done
done
rm -f "$out"/r*t*.h5
echo "wrote $csv"
