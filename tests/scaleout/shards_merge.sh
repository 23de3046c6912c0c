#!/usr/bin/env bash
# Shards and merge (docs/scale-out.md): each command split with --part K/N
# and merged gives the file one process writes (h5compare: every dataset
# outside /provenance, byte for byte; the same printed tables and hash), and
# merge refuses shards that are incomplete, repeated, of another study or
# not shards (exit 2, no output).
#   usage: shards_merge.sh SECTORSIM SOURCE_DIR
set -euo pipefail
bin=$1; src=$2
cmp_h5="/usr/bin/python3 $src/tests/scripts/h5compare.py"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
stoch=$src/tests/scenarios/stochastic.yaml
fail() { echo "FAIL: $*"; exit 1; }

# split(NAME, N, COMMAND ARGS...): whole run, N shards, merge in reverse order
split() {
  local name=$1 n=$2; shift 2
  "$bin" "$@" -q -o "$name.whole.h5" > "$name.whole.txt"
  local shards=()
  for ((k = n; k >= 1; k--)); do
    "$bin" "$@" -q --part "$k/$n" -o "$name.p$k.h5" > /dev/null
    shards+=("$name.p$k.h5")
  done
  "$bin" merge "${shards[@]}" -q -o "$name.merged.h5" > "$name.merged.txt"
  $cmp_h5 "$name.whole.h5" "$name.merged.h5" > /dev/null || fail "$name: merged file differs"
  cmp -s "$name.whole.txt" "$name.merged.txt" || fail "$name: merged printout differs"
  echo "ok: $name in $n shards = one process"
}

split run3 3 run "$stoch" --trials 5000
split lean2 2 run "$stoch" --trials 20000 --summary-only
split events2 2 run "$src/tests/scenarios/stochastic_events.yaml" --trials 300
split econ3 3 run "$src/tests/scenarios/stochastic_economic.yaml" --trials 3000
split one1 1 run "$stoch" --trials 100
split compare2 2 compare "$src/tests/scenarios/stochastic_options.yaml" --trials 2000
split risk3 3 risk "$src/scenarios/japan/catalogue.yaml" --years 200
# more parts than blocks: empty shards are fine
split many7 7 run "$stoch" --trials 5

# criticality writes a CSV
"$bin" criticality "$src/tests/scenarios/stochastic_options.yaml" -q --trials 300 -o crit.csv > crit.txt
for k in 1 2; do
  "$bin" criticality "$src/tests/scenarios/stochastic_options.yaml" -q --trials 300 --part $k/2 \
    -o crit.p$k.h5 > /dev/null
done
"$bin" merge crit.p1.h5 crit.p2.h5 -q -o crit.merged.csv > crit.merged.txt
cmp -s crit.csv crit.merged.csv || fail "criticality: merged CSV differs"
cmp -s crit.txt crit.merged.txt || fail "criticality: merged printout differs"
echo "ok: criticality in 2 shards = one process"

# refused: exit 2, a message naming the rule, no output file
refuse() {
  local what=$1 pattern=$2; shift 2
  set +e
  "$bin" merge "$@" -q -o refused.h5 2> err.txt
  local rc=$?
  set -e
  [ $rc -eq 2 ] || fail "$what: exit $rc, expected 2"
  grep -q "$pattern" err.txt || fail "$what: message '$(cat err.txt)' lacks '$pattern'"
  [ ! -e refused.h5 ] || fail "$what: an output file was left"
  echo "ok: refused $what"
}
"$bin" run "$stoch" -q --trials 5000 --seed 7 --part 2/3 -o other.p2.h5 > /dev/null
"$bin" run "$stoch" -q --trials 5000 --part 2/4 -o four.p2.h5 > /dev/null
refuse "an incomplete set" "incomplete" run3.p1.h5 run3.p3.h5
refuse "a part given twice" "given twice" run3.p1.h5 run3.p1.h5 run3.p2.h5 run3.p3.h5
refuse "a shard of other inputs" "another study" run3.p1.h5 other.p2.h5 run3.p3.h5
refuse "a shard of another split" "another study" run3.p1.h5 four.p2.h5 run3.p3.h5
refuse "a shard of another command" "another study" run3.p1.h5 compare2.p2.h5
refuse "a results file" "not a sectorsim shard" run3.whole.h5
# a crafted shard naming another command: merge runs only the studies
cp one1.p1.h5 crafted.h5
/usr/bin/python3 -c '
import sys, h5py
with h5py.File(sys.argv[1], "r+") as f:
    f["shard"].attrs["command"] = "generate"
' crafted.h5
refuse "a shard naming another command" "not one of run, compare" crafted.h5
refuse "a missing file" "" run3.p1.h5 no-such-shard.h5
# the inputs changed since the shards ran: the identity differs
cp "$stoch" changed.yaml
sed -i 's#network: *\(.*\)#network: '"$src"'/tests/scenarios/\1#' changed.yaml 2>/dev/null || true
"$bin" run changed.yaml -q --trials 100 --part 1/2 -o ch.p1.h5 > /dev/null 2>&1 || true
if [ -e ch.p1.h5 ]; then
  "$bin" run changed.yaml -q --trials 100 --part 2/2 -o ch.p2.h5 > /dev/null
  echo "# edited" >> changed.yaml
  sed -i 's/^seed: .*/seed: 99/' changed.yaml
  refuse "shards of inputs edited since" "other inputs" ch.p1.h5 ch.p2.h5
fi
# info describes a shard; summarize and report refuse one
"$bin" info run3.p2.h5 | grep "part 2 of 3" > /dev/null || fail "info of a shard"
set +e; "$bin" summarize run3.p2.h5 > /dev/null 2>&1; rc=$?; set -e
[ $rc -eq 2 ] || fail "summarize of a shard: exit $rc"
echo "ok: info describes a shard, summarize refuses it"
# --part without -o: the shard would take the results file's default name
set +e; "$bin" run "$stoch" -q --trials 10 --part 1/2 > /dev/null 2>&1; rc=$?; set -e
[ $rc -eq 2 ] && [ ! -e stochastic.h5 ] || fail "--part without -o: exit $rc"
# bad --part values: exit 2
for bad in 0/3 4/3 3 /2 a/b 1/0; do
  set +e
  "$bin" run "$stoch" -q --trials 10 --part "$bad" -o bad.h5 2> err.txt
  rc=$?
  set -e
  [ $rc -eq 2 ] || fail "--part $bad: exit $rc"
  [ ! -e bad.h5 ] || fail "--part $bad left a file"
done
echo "ok: bad --part values refused"
echo "shards and merge: every case passed"
