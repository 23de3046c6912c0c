#!/usr/bin/python3
"""Golden test: the tiny example's results equal the numbers worked out by
hand in scenarios/examples/tiny/README.md (exactly, up to float rounding).

usage: test_tiny.py SECTORSIM SCENARIO
"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

bin_, scenario = sys.argv[1], sys.argv[2]
failures, count = [], 0


def expect(name, got, want, tol=1e-9):
    global count
    count += 1
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    if got.shape != want.shape or not np.allclose(got, want, rtol=tol, atol=tol):
        failures.append(f"{name}: got {got.tolist()}, want {want.tolist()}")


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "tiny.h5")
    p = subprocess.run([bin_, "run", scenario, "-o", out, "--quiet"], capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit(f"run failed ({p.returncode}): {p.stderr}")
    with h5py.File(out, "r") as f:
        r, s = f["results"], f["summary"]
        T = r["trial"].shape[0]
        expect("trials", T, 8)
        sectors = [x.decode() if isinstance(x, bytes) else x for x in r["sector_name"][()]]
        col = {name: i for i, name in enumerate(sectors)}

        expect("customer_hours", r["customer_hours"][()], [23_135_000] * T)
        by_sector = {"electricity": 11_000_000, "water": 5_520_000, "finance": 2_400_000,
                     "rail": 1_980_000, "payments": 1_275_000, "telecom": 960_000}
        want = np.zeros(len(sectors))
        for k, v in by_sector.items():
            want[col[k]] = v
        for t in range(T):
            expect(f"sector_customer_hours[{t}]", r["sector_customer_hours"][t], want)

        prefs = list(r["prefecture"][()])
        want = np.zeros(len(prefs))
        want[prefs.index(13)], want[prefs.index(27)] = 11_735_000, 11_400_000
        expect("prefecture_customer_hours[0]", r["prefecture_customer_hours"][0], want)

        expect("suppliers_compromised", r["suppliers_compromised"][()], [2] * T)
        expect("operators_compromised", r["operators_compromised"][()], [5] * T)
        expect("operators_out", r["operators_out"][()], [9] * T)
        expect("peak_customers_out", r["peak_customers_out"][()], [1_365_000] * T)
        expect("max_sectors_out", r["max_sectors_out"][()], [5] * T)

        comp = np.zeros(len(sectors))
        comp[col["electricity"]], comp[col["finance"]], comp[col["water"]] = 2, 2, 1
        expect("sector_compromised[0]", r["sector_compromised"][0], comp)
        out_ = np.zeros(len(sectors))
        for k, v in {"electricity": 2, "water": 2, "rail": 2, "finance": 1, "telecom": 1,
                     "payments": 1}.items():
            out_[col[k]] = v
        expect("sector_out[0]", r["sector_out"][0], out_)

        ts = r["sector_customers_out"][0][:, col["electricity"]]
        want = np.zeros(ts.shape[0])
        want[2], want[3], want[5], want[6] = 500_000, 1_000_000 / 3 * 1, 600_000, 400_000
        want[3] = 2_000_000 / 6
        expect("electricity time series", ts, want, tol=1e-6)

        ids = [x.decode() if isinstance(x, bytes) else x for x in f["network/operator_id"][()]]
        hours = dict(zip(ids, f["operators/operator_mean_outage_hours"][()]))
        for op, h in {"E1": 6, "E2": 10, "F2": 24, "W2": 17.6, "W1": 5, "R1": 6, "P1": 8.5,
                      "T1": 1.6, "R2": 6, "F1": 0}.items():
            expect(f"mean outage hours {op}", hours[op], h, tol=1e-3)
        p_comp = dict(zip(ids, f["operators/operator_p_compromised"][()]))
        for op in ids:
            expect(f"p_compromised {op}", p_comp[op], 1.0 if op in "E1 E2 F1 F2 W2".split() else 0.0)

        expect("summary total_mean", s["total_mean"][()], 23_135_000)
        expect("summary total_se", s["total_se"][()], 0)
        expect("summary p_multi_sector", s["p_multi_sector"][()], 1.0)

for f_ in failures:
    print("FAIL", f_)
print(f"tiny golden: {count - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
