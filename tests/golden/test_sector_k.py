#!/usr/bin/python3
"""Per-sector DIIM recovery rates (economic.k_per_hour and
economic.recovery_hours by IO sector; docs/models/economic.md).

1. Same results: on tests/scenarios/stochastic_economic.yaml (supply_chain +
   the economic layer on the built-in Japan 2011 table, 200 trials),
   k_per_hour 0.03 as one number and as a mapping with `default` 0.03 and
   every one of the 13 IO sectors at 0.03 give the same verification hash and
   identical /results datasets; recovery_hours { default: 168,
   ElecGasWater: 24 } changes K of ElecGasWater only (larger: ln 100 / 24 h).
2. Direction, on the deterministic two-sector DIIM of Lian & Haimes
   (scenarios/examples/diim: c* = 0.1 on Sector2 over [0, 30)), horizon
   1000 h: with K of Sector2 raised from 0.2 to 0.5 (Sector1 stays 0.2),
   Sector2 recovers faster: its inoperability is lower at every step after
   the perturbation ends (and, the other face of the same rate, higher while
   it is on).  Its cumulative impact does not change: integrating
   dq/dt = K (A* q + c* - q) over all time gives (I - A*) int q = int c*
   whatever K is, so both runs equal case 2's static solution times 30 h,
   [1.98019802, 3.36633663] (1e-6).  A larger K therefore moves loss earlier
   rather than removing it; inside a finite horizon it can even count more.

usage: test_sector_k.py SECTORSIM SOURCE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np

bin_, src = sys.argv[1], sys.argv[2]
base = os.path.join(src, "tests/scenarios/stochastic_economic.yaml")
SECTORS = ["Agri", "Mining", "Manuf", "Constr", "ElecGasWater", "Commerce", "Finance",
           "RealEst", "Transport", "InfoComm", "PublicAdmin", "Services", "NEC"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(tmp, name, econ_lines):
    text = open(base).read()
    text = text.replace("network: ../../scenarios/examples/tiny/network",
                        f"network: {src}/scenarios/examples/tiny/network")
    text = text.rstrip("\n") + "\n" + "".join(f"  {line}\n" for line in econ_lines)
    path = os.path.join(tmp, f"{name}.yaml")
    open(path, "w").write(text)
    out = os.path.join(tmp, f"{name}.h5")
    p = subprocess.run([bin_, "run", path, "-o", out, "--trials", "200", "--quiet"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{name}: run failed ({p.returncode}): {p.stderr}")
    h = re.search(r"verification hash: ([0-9a-f]+)", p.stdout).group(1)
    with h5py.File(out) as f:
        res = {k: f["results"][k][()] for k in f["results"]}
        k = f["summary/economic_k_per_hour"][()]
        names = [x.decode() if isinstance(x, bytes) else str(x)
                 for x in f["io_sector_name"][()]] if "io_sector_name" in f else SECTORS
    return h, res, k, names


def run_diim(tmp, name, k_line):
    text = open(os.path.join(src, "scenarios/examples/diim/scenario.yaml")).read()
    text = text.replace("network: ../tiny/network", f"network: {src}/scenarios/examples/tiny/network")
    text = text.replace("matrix: lian_haimes_2006.csv",
                        f"matrix: {src}/scenarios/examples/diim/lian_haimes_2006.csv")
    text = text.replace("horizon_hours: 100", "horizon_hours: 1000")
    text = text.replace("k_per_hour: 0.2", k_line)
    text += "output: { time_series: true }\n"
    path = os.path.join(tmp, f"{name}.yaml")
    open(path, "w").write(text)
    out = os.path.join(tmp, f"{name}.h5")
    p = subprocess.run([bin_, "run", path, "-o", out, "--quiet"], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{name}: run failed ({p.returncode}): {p.stderr}")
    with h5py.File(out) as f:
        return (f["results/economic_impact"][0], f["results/economic_inoperability"][0],
                f["summary/economic_k_per_hour"][()])


def labels(a):
    return [x.decode() if isinstance(x, bytes) else x for x in np.ravel(a)]


with tempfile.TemporaryDirectory() as tmp:
    h0, r0, k0, names = run(tmp, "single", ["k_per_hour: 0.03"])
    check(names == SECTORS, f"IO sector names {names}")
    e = names.index("ElecGasWater")
    mapping = ", ".join(f"{s}: 0.03" for s in SECTORS)
    h1, r1, k1, _ = run(tmp, "all_equal", [f"k_per_hour: {{ default: 0.03, {mapping} }}"])
    check(h1 == h0, f"all-equal mapping: hash {h1} != single {h0}")
    check(sorted(r1) == sorted(r0), "all-equal mapping: other datasets")
    for key in r0:
        same = (labels(r0[key]) == labels(r1[key]) if r0[key].dtype.kind == "O"
                else r0[key].tobytes() == r1[key].tobytes())
        check(same, f"all-equal mapping: /results/{key} differs")
    check(np.array_equal(k0, k1) and np.all(k0 == 0.03), f"K single {k0}, mapping {k1}")

    _, r3, k3, _ = run(tmp, "tau_single", [])
    _, r4, k4, _ = run(tmp, "tau_short", ["recovery_hours: { default: 168, ElecGasWater: 24 }"])
    check(k4[e] > k3[e] and abs(k4[e] / k3[e] - 7) < 1e-12 and
          np.array_equal(np.delete(k4, e), np.delete(k3, e)),
          f"K from recovery_hours: {k3} -> {k4}")

    i_slow, q_slow, ks = run_diim(tmp, "diim_single", "k_per_hour: 0.2")
    i_fast, q_fast, kf = run_diim(tmp, "diim_fast", "k_per_hour: { default: 0.2, Sector2: 0.5 }")
    check(np.array_equal(ks, [0.2, 0.2]) and np.array_equal(kf, [0.2, 0.5]), f"K {ks} {kf}")
    after = slice(30, 200)  # steps [30, 31) ... [199, 200): the perturbation is off
    check(np.all(q_fast[after, 1] < q_slow[after, 1]),
          "K 0.5: Sector2 does not recover faster after the perturbation")
    check(np.all(q_fast[:30, 1] > q_slow[:30, 1]), "K 0.5: Sector2 not faster while on")
    want = np.array([0.05, 0.085]) / 0.7575 * 30
    for name, got in (("K 0.2", i_slow), ("K 0.5", i_fast)):
        check(np.allclose(got, want, rtol=0, atol=1e-6),
              f"{name}: cumulative impact {got}, want {want} (independent of K)")

for f in failures:
    print("FAIL", f)
print(f"per-sector K: {'ok' if not failures else f'{len(failures)} failures'}; Sector2 "
      f"inoperability at t = 40 h: {q_slow[40, 1]:.6f} (K 0.2) -> {q_fast[40, 1]:.6f} (K 0.5); "
      f"impact {i_slow} -> {i_fast}")
sys.exit(1 if failures else 0)
