#!/usr/bin/python3
"""End-to-end test of the iim and diim models on the shipped example
scenarios/examples/diim/scenario.yaml (validation cases 2 and 3 of
docs/models/economic.md), read back from the HDF5 file.

  diim: cumulative impact within 1e-3 of stigrs/diim's [1.98014, 3.36632]
        (discrete Lian-Haimes form) and within 1e-6 of the continuous DIIM's
        exact [1.980098816, 3.366301040] (matrix exponential, checked in
        tests/unit/test_economic.c against RK4);
  iim:  the static solution of case 2, [0.05, 0.085] / 0.7575, held 30 h.

usage: test_diim_example.py SECTORSIM SCENARIO
"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

bin_, scenario = sys.argv[1], sys.argv[2]
failures, count = [], 0


def expect(name, got, want, atol):
    global count
    count += 1
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    if got.shape != want.shape or not np.allclose(got, want, rtol=0, atol=atol):
        failures.append(f"{name}: got {got.tolist()}, want {want.tolist()}")


def run(path, out):
    p = subprocess.run([bin_, "run", path, "-o", out, "--quiet"], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"run failed ({p.returncode}): {p.stderr}")


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "diim.h5")
    run(scenario, out)
    with h5py.File(out, "r") as f:
        r = f["results"]
        imp = r["economic_impact"][0]
        expect("diim impact vs stigrs/diim", imp, [1.98014, 3.36632], 1e-3)
        expect("diim impact vs exact", imp, [1.980098816, 3.366301040], 1e-6)
        q = r["economic_inoperability"][0]  # [time][sector], step means
        expect("diim step means integrate to the impact", q.sum(axis=0), imp, 1e-6)
        print(f"diim: cumulative impact [{imp[0]:.8f}, {imp[1]:.8f}]")
    with open(scenario, encoding="utf-8") as fh:
        text = fh.read().replace("model: diim", "model: iim")
    here = os.path.dirname(os.path.abspath(scenario))
    text = text.replace("matrix: lian_haimes_2006.csv", f"matrix: {here}/lian_haimes_2006.csv")
    text = text.replace("network: ../tiny/network", f"network: {here}/../tiny/network")
    path = os.path.join(tmp, "iim.yaml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    run(path, out)
    with h5py.File(out, "r") as f:
        r = f["results"]
        static = np.array([0.05, 0.085]) / 0.7575
        expect("iim peak = static q", r["economic_peak_inoperability"][0], static, 1e-9)
        expect("iim impact = 30 h of static q", r["economic_impact"][0], 30 * static, 1e-8)
        print(f"iim: q = [{static[0]:.10f}, {static[1]:.10f}]")

for msg in failures:
    print("FAIL", msg)
print(f"diim example: {count - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
