#!/usr/bin/python3
"""Regression test: every trial runs exactly once, however the trial loop is
batched.  The tiny example is deterministic, so with many trials (many batches
of the run loop, at 1 and 2 threads) every per-trial value must still equal the
hand-worked 23,135,000 customer-hours — a skipped or repeated trial would leave
a zero row or change the count.

usage: test_tiny_many.py SECTORSIM SCENARIO
"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

bin_, scenario = sys.argv[1], sys.argv[2]
T, failures = 40000, []
with tempfile.TemporaryDirectory() as tmp:
    for threads in (1, 2):
        out = os.path.join(tmp, f"many{threads}.h5")
        p = subprocess.run([bin_, "run", scenario, "-o", out, "--quiet", "--trials", str(T),
                            "--threads", str(threads)], capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"run failed ({p.returncode}): {p.stderr}")
        with h5py.File(out, "r") as f:
            ch = f["results/customer_hours"][()]
            if ch.shape != (T,) or not np.all(ch == 23_135_000):
                bad = np.flatnonzero(ch != 23_135_000)
                failures.append(f"{threads} threads: {bad.size} trials differ, first {bad[:5]}")
            if f["summary/total_mean"][()] != 23_135_000 or f["summary/total_se"][()] != 0:
                failures.append(f"{threads} threads: summary mean/se wrong")
for x in failures:
    print("FAIL", x)
print(f"tiny many trials: {4 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
