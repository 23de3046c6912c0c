#!/usr/bin/env bash
# Scaling of the network generators (a benchmark, not a test).
#
#   benchmarks/gen_scaling.sh [-b SECTORSIM] [-o WORKDIR] [-r REPEATS] [-k] GENERATOR SIZE
#                             [SIZE ...] [-- ARGS]
#
# For each SIZE (--operators for synthetic, --nodes otherwise) it runs
# `sectorsim generate GENERATOR` and then `sectorsim validate` of a one-line
# scenario on the result (--network DIR), and prints one row:
#   gen_s       generation wall time (from the generate message)
#   gen_rss_MB  peak RSS when the files are in place (sampled every 0.05 s:
#               the generation phase, before the load-back starts to grow)
#   check_s     load-back and graph check inside `generate`
#   total_s, total_cpu_s, total_rss_MB   the whole `generate` command
#               (/usr/bin/time: wall, user + system CPU, peak RSS)
#   files_MB    size of the four CSV files
#   rows        operators + suppliers + supply + dependency rows
#   validate_s, validate_cpu_s, validate_rss_MB   `sectorsim validate` (load +
#               graph + scenario)
#   ns_per_row, B_per_row   generation time and file bytes per row
# With -r R each size runs R times and the fastest times are printed (the
# peak RSS figures are the largest seen).  The networks are deleted after
# measuring unless -k is given.  Example:
#   benchmarks/gen_scaling.sh synthetic 10000 100000 1000000
#   benchmarks/gen_scaling.sh ba 100000 1000000 -- --m 5
set -euo pipefail

bin=build/bin/sectorsim
work=${TMPDIR:-/tmp}/ssim_gen_scaling
keep=0
reps=1
while getopts "b:o:r:k" opt; do
    case $opt in
    b) bin=$OPTARG ;;
    o) work=$OPTARG ;;
    r) reps=$OPTARG ;;
    k) keep=1 ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { echo "usage: $0 [-b SECTORSIM] [-o DIR] [-r R] [-k] GENERATOR SIZE... [-- ARGS]" >&2
                  exit 2; }
gen=$1
shift
sizes=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do sizes+=("$1"); shift; done
[ $# -gt 0 ] && shift
extra=("$@")
size_opt=--nodes
origin=S0
if [ "$gen" = synthetic ]; then size_opt=--operators; fi
mkdir -p "$work"

# Peak RSS (kB) of the child of PID when DIR/dependencies.csv appears.
watch_hwm() {
    local tpid=$1 dir=$2 pid="" hwm=0
    while kill -0 "$tpid" 2>/dev/null; do
        [ -n "$pid" ] || pid=$(pgrep -P "$tpid" | head -n 1 || true)
        if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
            local h
            h=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
            [ -n "$h" ] && hwm=$h
        fi
        [ -e "$dir/dependencies.csv" ] && break
        sleep 0.05
    done
    echo "$hwm"
}

printf '%-10s %9s %10s %9s %7s %10s %8s %8s %11s %12s %10s %14s %15s %10s %9s\n' generator size \
    rows files_MB gen_s gen_rss_MB check_s total_s total_cpu_s total_rss_MB validate_s \
    validate_cpu_s validate_rss_MB ns_per_row B_per_row
# One measurement of size n: sets gen_s gen_hwm check_s total_s total_cpu total_kb
# v_s v_cpu v_kb.
measure() {
    local n=$1 tpid msg
    rm -rf "$dir"
    /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$bin" generate "$gen" "$size_opt" "$n" \
        "${extra[@]}" -o "$dir" >/dev/null 2>"$work/gen.err" &
    tpid=$!
    gen_hwm=$(watch_hwm "$tpid" "$dir")
    wait "$tpid" || { cat "$work/gen.err" >&2; exit 1; }
    read -r total_s total_kb u sy <"$work/time.txt"
    total_cpu=$(awk -v u="$u" -v s="$sy" 'BEGIN { print u + s }')
    msg=$(grep 'generated ' "$work/gen.err")
    gen_s=$(sed -E 's/.* in ([0-9.]+) s, loaded.*/\1/' <<<"$msg")
    check_s=$(sed -E 's/.*checked in ([0-9.]+) s.*/\1/' <<<"$msg")
    [ "$gen" = synthetic ] && origin=$(sed -n '2s/,.*//p' "$dir/suppliers.csv")
    printf 'name: scaling\nnetwork: %s\nincident: { origin: { suppliers: [%s] } }\n' "$dir" \
        "$origin" >"$work/scenario.yaml"
    /usr/bin/time -f "%e %M %U %S" -o "$work/vtime.txt" "$bin" validate "$work/scenario.yaml" \
        --network "$dir" -q >/dev/null
    read -r v_s v_kb u sy <"$work/vtime.txt"
    v_cpu=$(awk -v u="$u" -v s="$sy" 'BEGIN { print u + s }')
}

min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 > b + 0) ? a : b }'; }

for n in "${sizes[@]}"; do
    dir=$work/$gen-$n
    best=()
    for ((r = 0; r < reps; r++)); do
        measure "$n"
        best=("$(min "$gen_s" "${best[0]:-}")" "$(max "$gen_hwm" "${best[1]:-}")"
              "$(min "$check_s" "${best[2]:-}")" "$(min "$total_s" "${best[3]:-}")"
              "$(max "$total_kb" "${best[4]:-}")" "$(min "$v_s" "${best[5]:-}")"
              "$(max "$v_kb" "${best[6]:-}")" "$(min "$total_cpu" "${best[7]:-}")"
              "$(min "$v_cpu" "${best[8]:-}")")
    done
    bytes=$(cat "$dir"/*.csv | wc -c)
    rows=$(($(cat "$dir"/*.csv | wc -l) - 4))
    awk -v g="$gen" -v n="$n" -v gs="${best[0]}" -v gk="${best[1]}" -v cs="${best[2]}" \
        -v ts="${best[3]}" -v tk="${best[4]}" -v b="$bytes" -v r="$rows" -v vs="${best[5]}" \
        -v vk="${best[6]}" -v tc="${best[7]}" -v vc="${best[8]}" 'BEGIN {
        printf "%-10s %9d %10d %9.1f %7.2f %10.1f %8.2f %8.2f %11.2f %12.1f %10.2f %14.2f %15.1f %10.0f %9.1f\n",
            g, n, r, b / 1e6, gs, gk / 1024, cs, ts, tc, tk / 1024, vs, vc, vk / 1024,
            gs * 1e9 / r, b / r }'
    [ "$keep" = 1 ] || rm -rf "$dir"
done
