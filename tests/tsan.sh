#!/usr/bin/env bash
# ThreadSanitizer over the trial loop and the threaded summaries (docs/testing.md,
# "ThreadSanitizer").  Builds build-tsan/ with clang, its libomp and
# -fsanitize=thread, then runs run / compare / criticality on the stochastic
# test scenarios at 4 threads with the Archer OpenMP tool loaded, so that
# ThreadSanitizer knows libomp's barriers and tasks.  Any report fails the run
# (halt_on_error); exit 0 means no data race was seen on these runs.
#   usage: tests/tsan.sh [THREADS]      (about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-4}
archer=$(ls /usr/lib/llvm-*/lib/libarcher.so 2>/dev/null | sort -V | tail -1)
[ -n "$archer" ] || { echo "tsan: libarcher.so not found (apt-get install libomp-dev)" >&2; exit 2; }
CC=clang cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSSIM_TSAN=ON >/dev/null
cmake --build build-tsan -j "$(nproc)" --target sectorsim
bin=build-tsan/bin/sectorsim
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
export OMP_TOOL_LIBRARIES=$archer
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 ignore_noninstrumented_modules=1 history_size=4"
export ARCHER_OPTIONS="verbose=0"
# The recipe can see a race: a planted one (an unprotected sum in a parallel
# loop) must be reported, or the clean runs below prove nothing.
cat > "$out/race.c" <<'C'
int main(void)
{
    long s = 0;
#pragma omp parallel for
    for (int i = 0; i < 100000; i++)
        s += i;
    return s == 0;
}
C
clang -fopenmp -fsanitize=thread -g "$out/race.c" -o "$out/race"
rc=0; OMP_NUM_THREADS=4 "$out/race" 2> "$out/race.log" || rc=$?
[ "$rc" -eq 66 ] || { echo "tsan: the planted race was not reported (exit $rc)" >&2; exit 1; }
echo "tsan: the planted race is reported" >&2
t=tests/scenarios
step() { echo "tsan: $*" >&2; "$@" > /dev/null; }
step "$bin" run $t/stochastic.yaml --trials 2000 --threads "$threads" -o "$out/a.h5" --quiet
step "$bin" run $t/stochastic.yaml --trials 5000 --threads "$threads" --summary-only -o "$out/b.h5" --quiet
step "$bin" run $t/stochastic_economic.yaml --trials 500 --threads "$threads" -o "$out/c.h5" --quiet
step "$bin" run $t/stochastic_events.yaml --trials 300 --threads "$threads" -o "$out/d.h5" --quiet
for k in ic watts interdep; do
  step "$bin" run $t/kernel_$k.yaml --trials 500 --threads "$threads" -o "$out/k_$k.h5" --quiet
done
step "$bin" compare $t/stochastic_options.yaml --trials 500 --threads "$threads" \
  -o "$out/cmp.h5" --quiet
step "$bin" criticality $t/stochastic.yaml --trials 200 --threads "$threads" -o "$out/crit.csv" --quiet
echo "tsan: no data race reported (Archer: $archer, $threads threads)" >&2
