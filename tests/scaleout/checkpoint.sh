#!/usr/bin/env bash
# Checkpoint and resume (docs/scale-out.md): SIGINT writes a last checkpoint
# and exits 5; --resume finishes the run and its file is the uninterrupted
# run's, byte for byte outside /provenance; so is a run killed with SIGKILL
# at random moments and resumed each time; a checkpoint of other inputs is
# refused (exit 2).
#   usage: checkpoint.sh SECTORSIM SOURCE_DIR [KILLS] [TRIALS]
# (TRIALS: of the run, a third of it for the compare; enough that SIGINT at
# 1.5 s lands inside the trial loop)
set -euo pipefail
bin=$1; src=$2; kills=${3:-3}; trials=${4:-1000000}
cmp_h5="/usr/bin/python3 $src/tests/scripts/h5compare.py"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
stoch=$src/tests/scenarios/stochastic.yaml
fail() { echo "FAIL: $*"; exit 1; }
args=(run "$stoch" --trials "$trials" --summary-only --threads 1)
ctrials=$((trials / 3))

"$bin" "${args[@]}" -q -o ref.h5 > ref.txt

# SIGINT in the middle: exit 5, a checkpoint, no results file
"$bin" "${args[@]}" --checkpoint 1 -o int.h5 > /dev/null 2> int.err &
pid=$!
sleep 1.5
kill -INT $pid 2> /dev/null || true
set +e; wait $pid; rc=$?; set -e
[ $rc -eq 5 ] || fail "SIGINT: exit $rc, expected 5 ($(tail -2 int.err))"
[ -e int.h5.ckpt ] || fail "SIGINT: no checkpoint"
[ ! -e int.h5 ] || fail "SIGINT: a results file was written"
grep -q "the checkpoint keeps them" int.err || fail "SIGINT: $(tail -1 int.err)"
# another seed: the checkpoint is refused
set +e; "$bin" "${args[@]}" --seed 5 --resume -q -o int.h5 2> err.txt; rc=$?; set -e
[ $rc -eq 2 ] && grep -q "other inputs" err.txt || fail "other inputs: exit $rc: $(cat err.txt)"
[ ! -e int.h5 ] || fail "a refused resume wrote a file"
"$bin" "${args[@]}" --checkpoint 1 --resume -o int.h5 > int.txt 2> int.err
grep -q "resumed run 1" int.err || fail "resume: $(cat int.err)"
$cmp_h5 ref.h5 int.h5 > /dev/null || fail "SIGINT + resume differs"
cmp -s <(grep verification ref.txt) <(grep verification int.txt) || fail "hash differs"
[ ! -e int.h5.ckpt ] || fail "the checkpoint was left after the run"
echo "ok: SIGINT -> exit 5, --resume -> the uninterrupted run's file"

# SIGKILL at random moments, resumed each time
for ((i = 1; i <= kills; i++)); do
  rm -f k.h5 k.h5.ckpt
  round=0
  while [ ! -e k.h5 ]; do
    round=$((round + 1))
    more=()
    [ -e k.h5.ckpt ] && more=(--resume)
    "$bin" "${args[@]}" --checkpoint 1 "${more[@]}" -q -o k.h5 > /dev/null 2>&1 &
    pid=$!
    sleep "0.$((RANDOM % 9 + 5))"
    [ $round -le 4 ] && kill -KILL $pid 2> /dev/null || true
    wait $pid 2> /dev/null || true
    [ $round -le 20 ] || fail "kill -9 loop does not finish"
  done
  $cmp_h5 ref.h5 k.h5 > /dev/null || fail "kill -9 + resume (round $i) differs"
  echo "ok: kill -9 x $((round - 1)) + resume = the uninterrupted run ($i/$kills)"
done

# compare: a checkpoint holds the finished runs and the one running
"$bin" compare "$src/tests/scenarios/stochastic_options.yaml" --trials "$ctrials" --threads 1 -q \
  -o cref.h5 > /dev/null
"$bin" compare "$src/tests/scenarios/stochastic_options.yaml" --trials "$ctrials" --threads 1 \
  --checkpoint 1 -o c.h5 > /dev/null 2> c.err &
pid=$!
sleep 2
kill -INT $pid 2> /dev/null || true
set +e; wait $pid; rc=$?; set -e
if [ $rc -eq 5 ]; then
  "$bin" compare "$src/tests/scenarios/stochastic_options.yaml" --trials "$ctrials" --threads 1 \
    --checkpoint 1 --resume -q -o c.h5 > /dev/null
else
  [ $rc -eq 0 ] || fail "compare: exit $rc"
fi
$cmp_h5 cref.h5 c.h5 > /dev/null || fail "compare: SIGINT + resume differs"
echo "ok: compare interrupted (exit $rc) and resumed = one run"

# --resume without a checkpoint
set +e; "$bin" "${args[@]}" --resume -q -o none.h5 2> err.txt; rc=$?; set -e
[ $rc -eq 2 ] && grep -q "no checkpoint" err.txt || fail "--resume alone: exit $rc"
echo "checkpoint and resume: every case passed"
