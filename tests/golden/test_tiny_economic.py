#!/usr/bin/python3
"""End-to-end test of the economic layer on the tiny example: run it with
economic.enabled, then recompute the economic loss independently from what the
file and the fact files say, and compare.

The reference uses only: the per-step sector time series in the file
(/results/sector_customers_out), the operators' sectors and customers
(/network), and the shipped fact files (the 2011 transactions, outputs,
imports and the sector mapping in scenarios/data/japan/facts/).  It builds
A* and K itself, and integrates the DIIM with RK4 on a fine grid (state q and
its integral), not with the matrix exponential the engine uses.

Also checked: the layout without economic.enabled has no economic dataset
(golden files unchanged), the summaries equal the per-trial numbers, and a
summary-only run gives the same loss.

usage: test_tiny_economic.py SECTORSIM SCENARIO SOURCE_DIR
"""
import csv
import math
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

bin_, scenario, src = sys.argv[1], sys.argv[2], sys.argv[3]
facts = os.path.join(src, "scenarios", "data", "japan", "facts")
failures, count = [], 0


def expect(name, got, want, rtol=1e-6, atol=0.0):
    global count
    count += 1
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    if got.shape != want.shape or not np.allclose(got, want, rtol=rtol, atol=atol):
        failures.append(f"{name}: got {got.tolist()}, want {want.tolist()}")


def text(x):
    return x.decode() if isinstance(x, bytes) else x


def run(path, out, *extra):
    p = subprocess.run([bin_, "run", path, "-o", out, "--quiet", *extra], capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit(f"run failed ({p.returncode}): {p.stderr}")


# ------------------------------------------------------------------ the data

def read_csv(name):
    with open(os.path.join(facts, name), encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


xrows = read_csv("io2011_13sector_x.csv")
names = [r["io_sector"] for r in xrows]
N = len(names)
x = np.array([float(r["x_million_yen"]) for r in xrows])
final = np.array([float(r["domestic_final_demand_million_yen"]) for r in xrows])
imports = np.array([float(r["imports_million_yen"]) for r in xrows])
zrows = read_csv("io2011_13sector_transactions.csv")
Z = np.array([[float(r[n]) for n in names] for r in zrows])
m = np.clip(imports / (Z.sum(axis=1) + final), 0, 1)  # import ratio on domestic demand
astar = (1 - m)[:, None] * Z / x[:, None]            # a*_ij = z^d_ij / x_i
K = math.log(100) / (168 * (1 - np.diag(astar)))       # recovery_hours default 168
x_per_hour = x * 1e6 / 8760
mapping = {r["sector"]: (names.index(r["io_sector"]), float(r["io_coverage"]))
           for r in read_csv("io2011_sector_map.csv")}


def rk4_step(q, Q, c, h, n_sub):
    """Integrate dq/dt = K (A* q + c - q), dQ/dt = q over h with n_sub RK4 steps."""
    dt = h / n_sub

    def f(qq):
        return K * (astar @ qq + c - qq)

    for _ in range(n_sub):
        k1 = f(q)
        k2 = f(q + 0.5 * dt * k1)
        k3 = f(q + 0.5 * dt * k2)
        k4 = f(q + dt * k3)
        # the integral of q is exact to RK4 order when integrated with the same stages
        Q = Q + dt / 6 * (q + 2 * (q + 0.5 * dt * k1) + 2 * (q + 0.5 * dt * k2) + (q + dt * k3))
        q = q + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return q, Q


def reference(f, t):
    """Per-IO-sector impact, step means and peak of trial t from the file."""
    r, net = f["results"], f["network"]
    sectors = [text(s) for s in r["sector_name"][()]]
    ts = r["sector_customers_out"][t].astype(np.float64)  # [k][s] mean customers out
    op_sector = net["operator_sector"][()]
    op_cust = net["operator_customers"][()].astype(np.float64)
    io_customers, coverage = np.zeros(N), np.zeros(N)
    for s, name in enumerate(sectors):
        j, cov = mapping[name]
        io_customers[j] += op_cust[op_sector == s].sum()
        coverage[j] = cov
    horizon, step = float(f.attrs["horizon_hours"]), float(f.attrs["output_step_hours"])
    q, impact, means = np.zeros(N), np.zeros(N), []
    for k in range(ts.shape[0]):
        h = min(step, horizon - k * step)
        out = np.zeros(N)
        for s, name in enumerate(sectors):
            out[mapping[name][0]] += ts[k, s]
        c = np.where(io_customers > 0, coverage * out / np.maximum(io_customers, 1), 0.0)
        q, area = rk4_step(q, np.zeros(N), np.clip(c, 0, 1), h, 400)
        impact += area
        means.append(area / h)
    return impact, np.array(means)


# ------------------------------------------------------------------ the runs

with open(scenario, encoding="utf-8") as fh:
    base = fh.read()
net_dir = os.path.join(os.path.dirname(os.path.abspath(scenario)), "network")
base = base.replace("\nnetwork: network\n", f"\nnetwork: {net_dir}\n")

with tempfile.TemporaryDirectory() as tmp:
    plain, econ, summ = (os.path.join(tmp, n) for n in ("plain.h5", "econ.h5", "summ.h5"))
    run(scenario, plain)
    path = os.path.join(tmp, "tiny_economic.yaml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(base + "\neconomic:\n  enabled: true\n")
    run(path, econ)
    run(path, summ, "--summary-only")

    with h5py.File(plain, "r") as f:
        count += 1
        found = [k for g in ("results", "summary") for k in f[g] if "econom" in k or "io_sector" in k]
        if found:
            failures.append(f"economic datasets without economic.enabled: {found}")

    with h5py.File(econ, "r") as f:
        r, s = f["results"], f["summary"]
        expect("io_sector_name", [names.index(text(n)) for n in r["io_sector_name"][()]],
               list(range(N)), rtol=0)
        T = r["trial"].shape[0]
        impact, means = reference(f, 0)
        loss = x_per_hour * impact
        for t in range(T):
            expect(f"economic_impact[{t}]", r["economic_impact"][t], impact, rtol=1e-6,
                   atol=1e-12)
            expect(f"economic_sector_loss[{t}]", r["economic_sector_loss"][t], loss, rtol=1e-6,
                   atol=1e-3)
            expect(f"economic_loss[{t}]", r["economic_loss"][t], loss.sum(), rtol=1e-6)
            expect(f"economic_peak_inoperability[{t}]", r["economic_peak_inoperability"][t],
                   means.max(axis=0), rtol=1e-6, atol=1e-12)
            expect(f"economic_inoperability[{t}]", r["economic_inoperability"][t], means,
                   rtol=1e-5, atol=1e-9)
        el = r["economic_loss"][()]
        expect("economic_loss_mean", s["economic_loss_mean"][()], el.mean(), rtol=1e-12)
        expect("economic_sector_loss_mean", s["economic_sector_loss_mean"][()],
               r["economic_sector_loss"][()].mean(axis=0), rtol=1e-12)
        expect("economic_impact_mean", s["economic_impact_mean"][()],
               r["economic_impact"][()].mean(axis=0), rtol=1e-12)
        expect("economic_k_per_hour", s["economic_k_per_hour"][()], K, rtol=1e-12)
        expect("economic_output_per_hour", s["economic_output_per_hour"][()], x_per_hour,
               rtol=1e-12)
        print(f"tiny example: economic loss {el[0]:.6e} yen per trial "
              f"(reference {loss.sum():.6e}); ElecGasWater impact {impact[4]:.6f} h")
        mean_loss = s["economic_loss_mean"][()]

    with h5py.File(summ, "r") as f:
        expect("summary-only economic_loss_mean", f["summary"]["economic_loss_mean"][()],
               mean_loss, rtol=1e-12)

for msg in failures:
    print("FAIL", msg)
print(f"tiny economic: {count - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
