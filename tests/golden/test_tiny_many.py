#!/usr/bin/python3
"""Regression test: every trial runs exactly once, however the trial loop is
batched.  The tiny example is deterministic, so with many trials (many batches
of the run loop, at 1 and 2 threads) every per-trial value must still equal the
hand-worked trial of scenarios/examples/tiny/README.md — lost service by sector
(customer-hours, the tiny network's unit) and 22,731,803.89 person-hours
affected (step 6) — a skipped or repeated trial would leave a zero row or
change the count.

usage: test_tiny_many.py SECTORSIM SCENARIO
"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

bin_, scenario = sys.argv[1], sys.argv[2]
T, failures, checks = 40000, [], 0
BY_SECTOR = {"electricity": 11_000_000, "water": 5_520_000, "finance": 2_400_000,
             "rail": 1_980_000, "payments": 1_275_000, "telecom": 960_000}
PEOPLE = 22_731_803.89  # README step 6, rounded to the cent


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)


with tempfile.TemporaryDirectory() as tmp:
    for threads in (1, 2):
        out = os.path.join(tmp, f"many{threads}.h5")
        p = subprocess.run([bin_, "run", scenario, "-o", out, "--quiet", "--trials", str(T),
                            "--threads", str(threads)], capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"run failed ({p.returncode}): {p.stderr}")
        with h5py.File(out, "r") as f:
            names = [x.decode() if isinstance(x, bytes) else x for x in f["results/sector_name"][()]]
            want = np.array([BY_SECTOR.get(n, 0) for n in names], dtype=float)
            sl = f["results/sector_service_lost"][()]
            bad = np.flatnonzero(np.any(sl != want, axis=1)) if sl.shape == (T, len(names)) else [-1]
            check(len(bad) == 0, f"{threads} threads: sector_service_lost of {len(bad)} trials "
                                 f"differ, first {list(bad[:5])}")
            ph = f["results/people_hours"][()]
            bad = np.flatnonzero(ph != ph[0]) if ph.shape == (T,) else [-1]
            check(len(bad) == 0 and round(float(ph[0]), 2) == PEOPLE,
                  f"{threads} threads: people_hours of {len(bad)} trials differ from the first "
                  f"({ph[0]!r}, hand-worked {PEOPLE}), first {list(bad[:5])}")
            s = f["summary"]
            # people_hours is not an integer: the mean over 40,000 equal values carries
            # the rounding of the sum (about 1e-12 relative), the sd likewise.
            check(np.isclose(s["people_mean"][()], ph[0], rtol=1e-10, atol=0)
                  and s["people_se"][()] <= 1e-10 * ph[0],
                  f"{threads} threads: summary people_mean/se wrong")
            check(np.array_equal(s["sector_mean"][()], want) and not s["sector_se"][()].any(),
                  f"{threads} threads: summary sector_mean/se wrong")
for x in failures:
    print("FAIL", x)
print(f"tiny many trials: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
