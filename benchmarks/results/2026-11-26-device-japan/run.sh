#!/usr/bin/env bash
# Supply-chain thread scaling on the Japan network at scale 10 and 100 (device run).
set -euo pipefail
mkdir -p /tmp/dk && tar xzf .devkit/lib.tar.gz -C /tmp/dk
L="/tmp/dk/lib/ld-linux-x86-64.so.2 --library-path /tmp/dk/lib"
B=.devkit/bin
out=${OUT:-/tmp/out}
mkdir -p "$out"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "cores: $(nproc)"
  echo "memory: $(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel: $(uname -r)"
  echo "sectorsim: $($L $B/sectorsim --version | tr '\n' ' ')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"
cat "$out/machine.txt"
t0=$(date +%s)
$L $B/sectorsim generate japan --facts scenarios/data --scale 10 -o /tmp/j10 > /dev/null
$L $B/sectorsim generate japan --facts scenarios/data --scale 100 -o /tmp/j100 > /dev/null
echo "generated in $(( $(date +%s) - t0 )) s"
SSIM_BENCH_HEADER=1 $L $B/ssim_bench_run scenarios/japan/baseline.yaml --network /tmp/j10 \
  --label japan-10 --threads 1,2,4,8,16 --repeat 3 --trials 400 | tee "$out/scaling.csv"
$L $B/ssim_bench_run scenarios/japan/baseline.yaml --network /tmp/j100 \
  --label japan-100 --threads 1,2,4,8,16 --repeat 3 --trials 48 | tee -a "$out/scaling.csv"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
awk -F, 'NR > 1 { k = $1; t[k, $8] = $13; if (!(k in s)) { s[k] = 1; o[++n] = k } }
  END { for (i = 1; i <= n; i++) for (th = 1; th <= 16; th *= 2)
        printf "%s %2d threads %9.3f trials/s %5.2fx\n", o[i], th, t[o[i], th], t[o[i], th] / t[o[i], 1] }' \
  "$out/scaling.csv" | tee "$out/scaling.txt"
