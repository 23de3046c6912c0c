#!/usr/bin/python3
"""Golden test: the tiny example's results equal the numbers worked out by
hand in scenarios/examples/tiny/README.md (exactly, up to float rounding).

The tiny network has no sectors.csv, so every sector's service unit is the
default customer-hours (one resident per customer, no yen weight): the
per-sector lost service is the README's customer-hours by sector.  The people
counts (each resident counted once across sectors) are recomputed here from the
README's outage intervals and the 2020 census populations of Tokyo and Osaka
(README step 6), independently of the engine.

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


# README steps 2-4: (prefecture, sector, residents out, from, to hours); one
# resident per customer unit, capacity-weighted.
OUTAGES = [(27, "electricity", 500_000, 12, 22), (27, "rail", 40_000, 12, 24),
           (27, "water", 200_000, 16, 24), (27, "water", 160_000, 25, 37),
           (27, "finance", 100_000, 3, 27),
           (13, "electricity", 600_000, 30, 40), (13, "water", 200_000, 32, 42),
           (13, "rail", 250_000, 36, 42), (13, "telecom", 240_000, 38, 42),
           (13, "payments", 75_000, 22, 39)]
POPULATION = {13: 14_047_594, 27: 8_837_685}  # 2020 census (engine default, no population.csv)


def people_by_hand():
    """The overlap rule per prefecture and instant: lower = max over sectors,
    estimate = N (1 - prod (1 - r_s / N)) (sectors independent), upper =
    min(N, sum r_s); integrated over the intervals between outage edges."""
    cuts = sorted({t for o in OUTAGES for t in o[3:]})
    lo = est = hi = peak = 0.0
    by_pref = dict.fromkeys(POPULATION, 0.0)
    for a, b in zip(cuts, cuts[1:]):
        now = 0.0
        for p, n in POPULATION.items():
            r = {}
            for q, sec, k, t0, t1 in OUTAGES:
                if q == p and t0 <= a and b <= t1:
                    r[sec] = r.get(sec, 0) + k
            if not r:
                continue
            e = n * (1 - np.prod([1 - x / n for x in r.values()]))
            lo += max(r.values()) * (b - a)
            est += e * (b - a)
            hi += min(n, sum(r.values())) * (b - a)
            by_pref[p] += e * (b - a)
            now += e
        peak = max(peak, now)
    return lo, est, hi, by_pref, peak


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

        units = [x.decode() if isinstance(x, bytes) else x
                 for x in f["network/sector_service_unit"][()]]
        expect("every sector's unit is customer-hours (no sectors.csv)",
               [u == "customer-hours" for u in units], [True] * len(units))
        expect("people per customer", f["network/sector_people_per_customer"][()],
               [1] * len(units))
        expect("yen per unit", f["network/sector_yen_per_unit"][()], [0] * len(units))
        by_sector = {"electricity": 11_000_000, "water": 5_520_000, "finance": 2_400_000,
                     "rail": 1_980_000, "payments": 1_275_000, "telecom": 960_000}
        want = np.zeros(len(sectors))
        for k, v in by_sector.items():
            want[col[k]] = v
        for t in range(T):
            expect(f"sector_service_lost[{t}]", r["sector_service_lost"][t], want)
        expect("loss_yen (no yen weights)", r["loss_yen"][()], [0] * T)
        expect("sector_shutdowns", r["sector_shutdowns"][()], np.zeros((T, len(sectors))))
        expect("detection_hours (S_EDR revoked 30 h after its release)",
               r["detection_hours"][()], [30] * T)

        # People affected (README step 6), from the outage intervals of steps 2-4.
        lo, est, hi, by_pref, peak = people_by_hand()
        expect("people_hours_low", r["people_hours_low"][()], [lo] * T)
        expect("people_hours", r["people_hours"][()], [est] * T)
        expect("people_hours_high", r["people_hours_high"][()], [hi] * T)
        expect("hand-worked bounds", [lo, hi], [15_420_000, 23_135_000])
        expect("hand-worked estimate", round(est, 2), 22_731_803.89, tol=1e-11)
        ok = (r["people_hours_low"][()] <= r["people_hours"][()]) & \
             (r["people_hours"][()] <= r["people_hours_high"][()])
        expect("people_hours_low <= people_hours <= people_hours_high", ok, [True] * T)
        expect("peak_people_affected", r["peak_people_affected"][()], [peak] * T)

        prefs = list(r["prefecture"][()])
        want = np.zeros(len(prefs))
        for code, v in by_pref.items():
            want[prefs.index(code)] = v
        for t in range(T):
            expect(f"prefecture_people_hours[{t}]", r["prefecture_people_hours"][t], want)
        expect("sum over prefecture of prefecture_people_hours",
               r["prefecture_people_hours"][()].sum(axis=1), r["people_hours"][()])

        expect("suppliers_compromised", r["suppliers_compromised"][()], [2] * T)
        expect("operators_compromised", r["operators_compromised"][()], [5] * T)
        expect("operators_out", r["operators_out"][()], [9] * T)
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

        expect("summary people_mean", s["people_mean"][()], est)
        expect("summary people_se", s["people_se"][()], 0)
        expect("summary people_low_mean", s["people_low_mean"][()], lo)
        expect("summary people_high_mean", s["people_high_mean"][()], hi)
        expect("summary peak_mean", s["peak_mean"][()], peak)
        expect("summary yen_mean", s["yen_mean"][()], 0)
        expect("summary detection_mean", s["detection_mean"][()], 30)
        expect("summary sector_mean", [s["sector_mean"][()][col[k]] for k in by_sector],
               list(by_sector.values()))
        expect("summary p_multi_sector", s["p_multi_sector"][()], 1.0)

for f_ in failures:
    print("FAIL", f_)
print(f"tiny golden: {count - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
