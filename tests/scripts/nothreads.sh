#!/usr/bin/env bash
# A refused thread (issue 18, defect 13): with pthread_create failing after
# the first K calls (the LD_PRELOAD shim tests/inject/nothreads.c; as root
# RLIMIT_NPROC is not enforced), run and compare on 4 threads must exit 3 (a
# resource limit) with a message that names the 4 threads and --threads, and
# leave no output and no temporary.  libgomp itself called exit(1) here.
# Control: with enough threads allowed the same runs exit 0.
#   usage: nothreads.sh SECTORSIM SHIM SOURCE_DIR
set -uo pipefail
bin=$1; shim=$2; src=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# in sanitizer builds the shim is loaded before the ASan runtime
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
fail=0
try() { # try K EXPECTED COMMAND ARGS...
  local k=$1 want=$2; shift 2
  rm -f "$tmp/out.h5"
  SSIM_NOTHREADS_AFTER=$k LD_PRELOAD=$shim "$bin" "$@" -o "$tmp/out.h5" --threads 4 --quiet \
    >/dev/null 2>"$tmp/err"; local rc=$?
  local what="$1 with $k threads allowed"
  [ "$rc" = "$want" ] || { echo "FAIL $what: exit $rc, expected $want: $(tail -c 400 "$tmp/err")"; fail=1; }
  if [ "$want" = 3 ]; then
    grep -q 'refused to start 4 threads.*--threads' "$tmp/err" ||
      { echo "FAIL $what: no message naming the threads and --threads"; fail=1; }
    [ -e "$tmp/out.h5" ] && { echo "FAIL $what: left out.h5"; fail=1; }
  fi
  local left; left=$(find "$tmp" -name '.*' | wc -l)
  [ "$left" -eq 0 ] || { echo "FAIL $what: $left temporaries left"; fail=1; }
  echo "$what: exit $rc"
}
tiny=$src/scenarios/examples/tiny/scenario.yaml
for k in 0 1 2; do
  try $k 3 run "$tiny" --trials 8
done
try 0 3 compare "$src/tests/scenarios/inject_options.yaml" --trials 8
try 100 0 run "$tiny" --trials 8
try 100 0 compare "$src/tests/scenarios/inject_options.yaml" --trials 8
exit $fail
