#!/usr/bin/python3
"""Golden test of the event table: the tiny example with output.events on
records, in every trial, exactly the who-compromised-whom chain worked out by
hand in scenarios/examples/tiny/README.md (steps 1 and 2).

usage: test_tiny_events.py SECTORSIM SCENARIO
"""
import os
import subprocess
import sys
import tempfile

import h5py

EXPECTED = [  # (time, kind, source, target)
    (0.0, "origin", None, "S_EDR"),
    (0.0, "release", "S_EDR", "S_EDR"),
    (1.0, "install", "S_EDR", "F2"),
    (3.0, "outage", "S_EDR", "F2"),
    (6.0, "install", "S_EDR", "S_SCADA"),
    (10.0, "install", "S_EDR", "E2"),
    (12.0, "outage", "S_EDR", "E2"),
    (18.0, "release", "S_SCADA", "S_SCADA"),
    (23.0, "install", "S_SCADA", "W2"),
    (25.0, "outage", "S_SCADA", "W2"),
    (26.0, "install", "S_EDR", "F1"),  # designated: held 24 h; it privilege: no outage
    (28.0, "install", "S_EDR", "E1"),
    (30.0, "outage", "S_EDR", "E1"),
    (30.0, "revoke", "S_EDR", "S_EDR"),  # W1 (64 h) never installs
    (48.0, "revoke", "S_SCADA", "S_SCADA"),  # E1 via S_SCADA (62 h) never installs
]

bin_, scenario = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "ev.h5")
    p = subprocess.run([bin_, "run", scenario, "-o", out, "--quiet"], capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit(f"run failed ({p.returncode}): {p.stderr}")
    with h5py.File(out, "r") as f:
        dec = lambda a: [x.decode() if isinstance(x, bytes) else x for x in a]
        ids = dec(f["network/operator_id"][()]) + dec(f["network/supplier_id"][()])
        kinds = dec(f["events/event_kind_name"][()])
        e = f["events"]
        rows = list(zip(e["event_trial"][()], e["event_time"][()], e["kind"][()],
                        e["source"][()], e["target"][()]))
        trials = f.attrs["n_trials"]

failures = []
for t in range(trials):
    got = [(float(tm), kinds[k], ids[s] if s >= 0 else None, ids[g])
           for tr, tm, k, s, g in rows if tr == t]
    if got != EXPECTED:
        failures.append(f"trial {t}: got {got}")
if len(rows) != trials * len(EXPECTED):
    failures.append(f"{len(rows)} rows, want {trials * len(EXPECTED)}")
for x in failures:
    print("FAIL", x)
print(f"tiny events: {trials + 1 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
