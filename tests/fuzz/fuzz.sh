#!/bin/sh
# tests/fuzz/fuzz.sh HARNESS SECONDS [JOBS] — fuzz one harness for real
# (docs/testing.md "Fuzzing").  HARNESS: network, snapshot, scenario or h5read.
#
# Configures build-fuzz/ (clang, SSIM_FUZZ=ON: libFuzzer, ASan, UBSan) when
# it is not there yet (SSIM_FUZZ_BUILD overrides the directory), builds the
# harness, and runs JOBS libFuzzer processes (default 1) for SECONDS each at
# nice 19 (h5read: libFuzzer's fork mode with JOBS workers, see below).  The corpus libFuzzer grows lives in BUILD/fuzz/HARNESS/corpus (the
# committed seeds tests/fuzz/corpus/HARNESS are read, never written); crash,
# leak and timeout inputs land in BUILD/fuzz/HARNESS/artifacts (h5read runs
# in fork mode and goes on past a crash, see below); each job's log
# in BUILD/fuzz/HARNESS/ (fuzz-N.log with JOBS > 1, else fuzz.log).  The last
# line printed is the CPU time spent (user + system seconds, every job).
# Stop it early with SIGINT to the fuzzer (libFuzzer prints its final stats).
# An input found there becomes a regression file: copy it into
# tests/fuzz/corpus/HARNESS/ under a name saying what it broke.
set -eu
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 network|snapshot|scenario|h5read SECONDS [JOBS]" >&2
    exit 2
fi
harness=$1
seconds=$2
jobs=${3:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${SSIM_FUZZ_BUILD:-$root/build-fuzz}
if [ ! -d "$here/corpus/$harness" ]; then
    echo "$0: no harness '$harness' (no $here/corpus/$harness)" >&2
    exit 2
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DSSIM_FUZZ=ON -DCMAKE_C_COMPILER=clang \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" -j2 --target "fuzz_$harness"

work=$build/fuzz/$harness
mkdir -p "$work/corpus" "$work/artifacts"
set -- "$work/corpus" "$here/corpus/$harness"
dict=
if [ -f "$here/$harness.dict" ]; then
    dict=-dict=$here/$harness.dict
fi
parallel=
log=$work/fuzz.log
if [ "$harness" = h5read ]; then
    # HDF5 1.10 crashes inside the library on some corrupted files
    # (docs/testing.md "Fuzzing"): keep going past them, in fork mode, and
    # triage the artifacts afterwards.
    parallel="-fork=$jobs -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1"
elif [ "$jobs" -gt 1 ]; then
    parallel="-jobs=$jobs -workers=$jobs" # each job logs to fuzz-N.log
fi
cd "$work"
# Third-party leaks on malformed input (lsan.supp).  HDF5 has no frame
# pointers: its allocations are matched by function name only when ASan
# unwinds them the slow way (3 times fewer executions per second).
LSAN_OPTIONS=suppressions=$here/lsan.supp
if [ "$harness" = h5read ]; then
    LSAN_OPTIONS=$LSAN_OPTIONS:fast_unwind_on_malloc=0
fi
export LSAN_OPTIONS
# The harnesses write their inputs to files: keep those in memory, in a
# directory of this run's own (an input that crashes a harness cannot remove
# its files; this run removes them all at the end).
base=${TMPDIR:-/tmp}
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    base=/dev/shm
fi
TMPDIR=$(mktemp -d "$base/ssim-fuzz-run.XXXXXX")
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
trap 'exit 130' INT TERM
# shellcheck disable=SC2086 # $dict and $parallel are empty or one word each
status=0
/usr/bin/time -o "$work/time.txt" -f "fuzz.sh: $harness: cpu %U user + %S system seconds, wall %e s" \
    nice -n 19 "$build/bin/fuzz_$harness" -max_total_time="$seconds" -timeout=60 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    $dict $parallel "$@" 2>>"$log" || status=$?
cat "$work/time.txt"
if [ "$status" -eq 72 ]; then
    echo "fuzz.sh: $harness interrupted (SIGINT); what it found is in $work/artifacts" >&2
    status=0
elif [ "$status" -ne 0 ]; then
    echo "fuzz.sh: $harness stopped with status $status: see $work/artifacts and the logs in $work" >&2
fi
exit "$status"
