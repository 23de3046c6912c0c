#!/usr/bin/env bash
# The MPI driver (docs/scale-out.md): run, compare and risk under
# `mpirun -np 1..4` give the one-process file byte for byte outside
# /provenance, and the same printout on rank 0 only.
#   usage: mpi.sh SECTORSIM SOURCE_DIR
set -euo pipefail
bin=$1; src=$2
cmp_h5="/usr/bin/python3 $src/tests/scripts/h5compare.py"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mpi=(mpirun --oversubscribe --allow-run-as-root)
# shared-memory transport without cross-memory attach, which containers may forbid
export OMPI_MCA_btl_vader_single_copy_mechanism=none
fail() { echo "FAIL: $*"; exit 1; }
ranks() { # NAME NPS COMMAND ARGS...
  local name=$1 nps=$2; shift 2
  "$bin" "$@" -q -o "$name.h5" > "$name.txt"
  for np in $nps; do
    "${mpi[@]}" -np "$np" "$bin" "$@" -q --threads 1 -o "$name.np$np.h5" > "$name.np$np.txt"
    $cmp_h5 "$name.h5" "$name.np$np.h5" > /dev/null || fail "$name at $np ranks differs"
    cmp -s "$name.txt" "$name.np$np.txt" || fail "$name at $np ranks: printout differs"
  done
  echo "ok: $name at $nps ranks = one process"
}
ranks run "1 2 3 4" run "$src/tests/scenarios/stochastic.yaml" --trials 4000
ranks lean "2 3" run "$src/tests/scenarios/stochastic.yaml" --trials 20000 --summary-only
ranks events "3" run "$src/tests/scenarios/stochastic_events.yaml" --trials 300
ranks compare "2 4" compare "$src/tests/scenarios/stochastic_options.yaml" --trials 2000
ranks risk "3" risk "$src/scenarios/japan/catalogue.yaml" --years 200
# --part under mpirun is refused on every rank: exit 2, no file
set +e
"${mpi[@]}" -np 2 "$bin" run "$src/tests/scenarios/stochastic.yaml" --part 1/2 -q -o no.h5 2> err.txt
rc=$?
set -e
[ $rc -ne 0 ] && [ ! -e no.h5 ] || fail "--part under mpirun: exit $rc"
grep -q "do not combine with mpirun" err.txt || fail "--part under mpirun: $(cat err.txt)"
# a command that does not share its work is refused, not run once per rank
set +e
"${mpi[@]}" -np 2 "$bin" generate synthetic -o net > /dev/null 2> err.txt
rc=$?
set -e
[ $rc -ne 0 ] && [ ! -e net ] || fail "generate under mpirun: exit $rc"
grep -q "does not run under mpirun" err.txt || fail "generate under mpirun: $(cat err.txt)"
echo "ok: generate under mpirun refused"
# a rank that dies (SIGKILL) ends the job: mpirun fails and no file is written
"${mpi[@]}" -np 2 "$bin" run "$src/tests/scenarios/stochastic.yaml" --trials 4000000 \
  --summary-only --threads 1 -q -o dead.h5 > /dev/null 2> dead.err &
mp=$!
victim=""
for _ in $(seq 50); do
  sleep 0.2
  victim=$(pgrep -P "$mp" -f sectorsim | tail -1 || true)
  [ -n "$victim" ] && break
done
[ -n "$victim" ] || fail "no rank to kill"
sleep 1
kill -KILL "$victim" 2> /dev/null || true
set +e; wait "$mp"; rc=$?; set -e
[ $rc -ne 0 ] || fail "a killed rank: mpirun exit 0"
[ ! -e dead.h5 ] || fail "a killed rank: a results file was written"
echo "ok: a rank killed -> mpirun exit $rc, no file"
echo "MPI: every case passed"
