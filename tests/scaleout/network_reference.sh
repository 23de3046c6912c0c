#!/usr/bin/env bash
# output.network_tables: false (docs/scale-out.md "Large networks"): the file
# leaves out the network's ids, names and edge tables and nothing else; every
# other dataset, the hash and the summaries are the full file's; the
# independent reader (h5check.py) accepts it; info gives the edge counts from
# /provenance/inputs; summarize and report read it.
#   usage: network_reference.sh SECTORSIM SOURCE_DIR
set -euo pipefail
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
sed "s#^network: *\(.*\)#network: $src/scenarios/japan/\1#" "$src/scenarios/japan/baseline.yaml" > full.yaml
cp full.yaml ref.yaml
printf "output:\n  network_tables: false\n" >> ref.yaml
"$bin" run full.yaml --trials 300 -q -o full.h5 > full.txt
"$bin" run ref.yaml --trials 300 -q -o ref.h5 > ref.txt
cmp -s full.txt ref.txt || fail "the printout differs"
/usr/bin/python3 - full.h5 ref.h5 << 'PY'
import sys
import h5py
import numpy as np
gone = {"operator_id", "operator_name", "supply_edge", "dependency"} | {
    f"supply_{c}" for c in ("supplier", "customer", "channel", "install_lag_hours", "share",
                            "privilege")} | {
    f"dependency_{c}" for c in ("operator", "provider", "kind", "buffer_hours", "loss")}
with h5py.File(sys.argv[1]) as a, h5py.File(sys.argv[2]) as b:
    left_out = set(a["network"]) - set(b["network"])
    assert left_out == gone and not set(b["network"]) - set(a["network"]), sorted(left_out)
    kept = []
    def same(name, y):
        if not isinstance(y, h5py.Dataset) or name.startswith("provenance"):
            return
        x = a[name][()]
        y = y[()]
        if getattr(x, "dtype", None) is not None and x.dtype.kind == "O":
            assert list(x.ravel()) == list(y.ravel()), name
        else:
            assert np.asarray(x).tobytes() == np.asarray(y).tobytes(), name
        kept.append(name)
    b.visititems(same)
print(f"ok: {len(gone)} network datasets left out, {len(kept)} others identical")
PY
/usr/bin/python3 "$src/tests/scripts/h5check.py" ref.h5 > /dev/null || fail "h5check"
"$bin" info ref.h5 | grep "supply edges  29279 (not copied" > /dev/null || fail "info: $("$bin" info ref.h5 | grep supply)"
cmp -s <("$bin" summarize full.h5 | grep -v "^  file ") <("$bin" summarize ref.h5 | grep -v "^  file ") || fail "summarize differs"
"$bin" report ref.h5 -o report > /dev/null 2>&1 || fail "report"
echo "network by reference: every case passed"
