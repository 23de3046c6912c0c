#!/usr/bin/env bash
# `validate` warns about dependency cycles whose every loss is >=
# cascade.down_threshold (cli/lockcycles.c), and such a cycle does lock:
# the tiny example plus E1 <- W1 (water, buffer 1 h, loss 0.6) closes the
# 2-cycle E1 <-> W1 (W1 <- E1 has loss 0.5).  By hand (the tiny README's
# timeline): E1 is down from 30 (its own outage, 0.6, to 40), W1 from 32 (its
# trigger on E1), E1's trigger on W1 fires at 33, and at 40 E1 still loses
# 0.6 through W1, so neither ever comes back: E1's capacity-weighted outage
# hours are 0.6 x 3 + 1.0 x 7 + 0.6 x 32 = 28, W1's 0.5 x (72 - 32) = 20.
# With loss 0.4 the link is below the threshold: no warning.
#   usage: locking_cycles.sh SECTORSIM SOURCE_DIR
set -euo pipefail
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
for loss in 0.6 0.4; do
  mkdir -p "$tmp/$loss"
  cp -r "$src/scenarios/examples/tiny/network" "$tmp/$loss/"
  echo "E1,W1,water,1,$loss" >> "$tmp/$loss/network/dependencies.csv"
  sed "s|^network: .*|network: network|" "$src/scenarios/examples/tiny/scenario.yaml" \
    > "$tmp/$loss/s.yaml"
  "$bin" validate "$tmp/$loss/s.yaml" > /dev/null 2> "$tmp/$loss/err" ||
    fail "validate exited $? with loss $loss: $(cat "$tmp/$loss/err")"
done
grep -qF "network/dependencies.csv: warning: 1 dependency cycle with every loss >= cascade.down_threshold (0.5) can lock an outage in place" "$tmp/0.6/err" ||
  fail "no locking warning: $(cat "$tmp/0.6/err")"
grep -qF "warning: locking cycle 1 of 1: 2 operators: E1, W1" "$tmp/0.6/err" ||
  fail "no member list: $(cat "$tmp/0.6/err")"
[ "$(grep -c 'warning:' "$tmp/0.6/err")" = 2 ] || fail "extra warnings: $(cat "$tmp/0.6/err")"
if grep -q 'warning:' "$tmp/0.4/err"; then fail "warned below the threshold: $(cat "$tmp/0.4/err")"; fi
# the same network at a threshold above both losses: no warning
sed 's|down_threshold: 0.5|down_threshold: 0.7|' "$tmp/0.6/s.yaml" > "$tmp/0.6/high.yaml"
"$bin" validate "$tmp/0.6/high.yaml" > /dev/null 2> "$tmp/err"
if grep -q 'warning:' "$tmp/err"; then fail "warned at threshold 0.7: $(cat "$tmp/err")"; fi
# the lock, by hand
"$bin" run "$tmp/0.6/s.yaml" -o "$tmp/lock.h5" --quiet > /dev/null 2>&1
/usr/bin/python3 - "$tmp/lock.h5" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1]) as f:
    o = f["operators"]
    ids = [x.decode() if isinstance(x, bytes) else x for x in o["operator_id"][:]]
    hours = dict(zip(ids, o["operator_mean_outage_hours"][:]))
for op, want in (("E1", 28.0), ("W1", 20.0)):
    assert abs(hours[op] - want) < 1e-9, f"{op}: {hours[op]} outage hours, want {want} (locked)"
print("locking cycle: warned above the threshold, not below; E1 and W1 stay down to the horizon")
PY
