#!/usr/bin/env bash
# Japan at scale 500 (about 2.4 M operators) on the 16-core device: the baseline
# scenario at 16 threads (400 trials) and 1 thread (24 trials).
set -uo pipefail
mkdir -p /tmp/dk && tar xzf .devkit/lib.tar.gz -C /tmp/dk
L="/tmp/dk/lib/ld-linux-x86-64.so.2 --library-path /tmp/dk/lib"
B=.devkit/bin
out=${OUT:-/tmp/out}
mkdir -p "$out"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "cores: $(nproc)"
  echo "sectorsim: $($L $B/sectorsim --version)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"
cat "$out/machine.txt"
t0=$(date +%s%N)
$L $B/sectorsim generate japan --facts scenarios/data --scale 500 -o /tmp/j500 2>&1 | tail -3 | tee "$out/generate.txt"
echo "generate wall $(( ($(date +%s%N) - t0) / 1000000 )) ms" | tee -a "$out/generate.txt"
for spec in "16 400" "1 24"; do
  set -- $spec
  t0=$(date +%s%N)
  $L $B/sectorsim run scenarios/japan/baseline.yaml --network /tmp/j500 --trials $2 --threads $1 \
     -o /tmp/b$1.h5 > "$out/run-$1.txt" 2> "$out/run-$1.err"
  echo "threads $1 trials $2 rc $? wall $(( ($(date +%s%N) - t0) / 1000000 )) ms; $(grep 'trials in' "$out/run-$1.err" | tail -1); $(grep 'verification' "$out/run-$1.txt")" | tee -a "$out/summary.txt"
  $L $B/sectorsim info /tmp/b$1.h5 | grep -E "created|operators" | head -3 | tee -a "$out/summary.txt"
  /usr/bin/python3 -c "import h5py; f=h5py.File('/tmp/b$1.h5','r'); e=f['results/events'][:]; print('events per trial', e.mean())" 2>&1 | tail -1 | tee -a "$out/summary.txt"
  rm -f /tmp/b$1.h5
done
grep -v progress "$out/run-16.err" | head -5
