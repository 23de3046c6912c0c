#!/usr/bin/python3
"""sectorsim compare on common random numbers (docs/regulation.md).

    test_compare.py SECTORSIM TINY_OPTIONS.yaml STOCHASTIC_OPTIONS.yaml

Tiny (every draw fixed; numbers from scenarios/examples/tiny/README.md):
  * an option without levers, and one whose levers change nothing, give
    exactly 0 difference in every trial;
  * vetting out US (S_EDR, the origin, is the only endpoint vendor) removes
    every compromise through S_EDR: only W2 (through S_SCADA) is compromised;
  * an advance notice (100 h) longer than the detection time (30 h) prevents
    every install: nothing is compromised, no one affected;
  * a buffer (48 h) longer than every provider outage stops the cascade: only
    the direct outages remain (lost service, customer-hours: electricity
    E1 6e6 + E2 5e6, finance F2 2.4e6, water W2 1.92e6), and the people
    affected are those less the overlap in Osaka (E2 with F2 over 12-22, W2
    with F2 over 25-27, sectors independent);
  * segmenting finance (F2's endpoint edge) changes F2 and no other operator,
    and lowers the person-hours by F2's 100,000 residents times the share of
    them not already affected in another sector;
Person-hours affected count each resident once (README step 6); the tiny
network has no yen weights, so every loss in yen is 0.
  * the burden of vetting: 5 blocked edges x 30e6 yen once + 10 regulated x 5e6
    yen a year, annualised with the capital recovery factor (4 %, 5 years).
Stochastic:
  * no-op: exactly 0 in every trial; an option that changes one operator
    leaves every other operator's statistics identical (CRN per entity);
  * the paired SE of an option's effect is much smaller than the unpaired SE
    on the same trials (ratio printed; asserted < 0.5).
"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

bin_, tiny, stoch = sys.argv[1:4]
failures = 0
OSAKA = 8_837_685  # 2020 census, the engine's population without population.csv
BASE_SECTORS = {"electricity": 11_000_000, "water": 5_520_000, "finance": 2_400_000,
                "rail": 1_980_000, "payments": 1_275_000, "telecom": 960_000}


def check(cond, what):
    global failures
    print(("ok   " if cond else "FAIL ") + what)
    failures += 0 if cond else 1


def compare(scenario, out):
    r = subprocess.run([bin_, "compare", scenario, "-o", out, "--quiet"], capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.exit(f"compare failed ({r.returncode}): {r.stderr}")
    return r.stdout


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "tiny.h5")
    text = compare(tiny, out)
    check(text.startswith("Comparison over 8 trials"), "a readable table on stdout")
    with h5py.File(out) as f:
        g = f["compare"]
        names = [n.decode() for n in g["option_name"][:]]
        idx = {n: i for i, n in enumerate(names)}
        ch = g["people_hours"][:]
        mean = g["expected_people_hours"][:]
        comp = g["operators_compromised_mean"][:]
        sect = g["sector_service_lost"][:]
        sname = [n.decode() for n in g["sector_name"][:]]
        S = {n: i for i, n in enumerate(sname)}
        check(names[0] == "baseline" and abs(mean[0] - 22731803.89) < 0.005,
              "baseline = the tiny README's 22,731,803.89 person-hours affected (step 6)")
        check(np.allclose(ch.mean(axis=1), mean, rtol=1e-12, atol=0),
              "expected_people_hours = mean of the per-trial people_hours")
        base = np.zeros(len(sname))
        for k, v in BASE_SECTORS.items():
            base[S[k]] = v
        check(np.array_equal(sect[0], base),
              "baseline lost service by sector = the README's customer-hours by sector")
        check(not g["expected_loss_yen"][:].any() and not g["reduction_yen_mean"][:].any(),
              "no yen weights: expected_loss_yen and reduction_yen_mean are 0")
        for n in ("noop", "noop-levers"):
            i = idx[n]
            check(np.array_equal(ch[i], ch[0]) and g["reduction_max_abs"][i] == 0
                  and g["operators_changed"][i] == 0,
                  f"{n}: exactly zero difference in every trial")
        for n in ("vet-us-block", "vet-us-replace"):
            i = idx[n]
            # W2 (Osaka, 0.8 x 200,000 x 12 h) and P1 (Tokyo, 0.5 x 150,000 x 8 h
            # once W2 has been down for 6 h): different prefectures, no overlap
            check(np.all(comp[i] == 1) and abs(mean[i] - 2520000) < 1e-6
                  and sect[i][S["water"]] == 1920000 and sect[i][S["payments"]] == 600000,
                  f"{n}: only W2 (via S_SCADA) compromised, 2,520,000 person-hours")
            # one-off switching 5 x 30e6, recurring compliance 10 x 5e6 a year;
            # annualised at 4 % over 5 years: 150e6 x 0.04 / (1 - 1.04^-5) + 50e6
            crf = 0.04 / (1 - 1.04 ** -5)
            check(g["blocked_edges"][i].sum() == 5 and g["burden_oneoff"][i] == 5 * 30e6
                  and g["burden_recurring"][i] == 10 * 5e6
                  and abs(g["burden"][i] - (5 * 30e6 * crf + 10 * 5e6)) <= 1e-6,
                  f"{n}: 5 blocked edges, one-off 150e6 yen, 50e6 yen a year, "
                  f"annualised {5 * 30e6 * crf + 10 * 5e6:.6g}")
        i = idx["notice-100h-all"]
        check(comp[i] == 0 and mean[i] == 0, "notice longer than detection: no install at all")
        i = idx["buffer-48h"]
        # Osaka overlaps: E2 500,000 with F2 100,000 for 10 h, W2 160,000 with F2 for 2 h
        want = 15320000 - (500e3 * 100e3 * 10 + 160e3 * 100e3 * 2) / OSAKA
        check(abs(mean[i] - want) < 1e-6 * want and sect[i][S["rail"]] == 0
              and sect[i][S["payments"]] == 0 and sect[i][S["telecom"]] == 0
              and sect[i][S["electricity"]] == 11e6 and sect[i][S["finance"]] == 2.4e6
              and sect[i][S["water"]] == 1.92e6,
              f"buffer longer than every provider outage: no cascade ({want:,.2f} person-hours)")
        i = idx["segment-finance"]
        others = [s for s in range(len(sname)) if sname[s] != "finance"]
        check(g["operators_changed"][i] == 1 and sect[i][S["finance"]] == 0
              and np.array_equal(sect[i][others], sect[0][others]),
              "segmenting finance changes F2 only")
        # F2's 100,000 Osaka residents over 3-27 h, each hour times the chance that a
        # resident is not out in another sector already (independence)
        want = 100e3 * sum(h * np.prod([1 - r / OSAKA for r in rs]) for h, rs in
                           ((9, []), (4, [500e3, 40e3]), (6, [500e3, 40e3, 200e3]),
                            (2, [40e3, 200e3]), (1, []), (2, [160e3])))
        check(abs(g["reduction_mean"][i] - want) < 1e-6 * want,
              f"segmenting finance: {want:,.2f} person-hours fewer (F2 less its overlap)")
        fr = g["frontier"][:]
        check(fr[idx["notice-100h-all"]] == 1 and fr[idx["buffer-48h"]] == 0,
              "frontier: the zero-risk option is on it, a dominated one is not")

    out = os.path.join(tmp, "stoch.h5")
    compare(stoch, out)
    with h5py.File(out) as f:
        g = f["compare"]
        names = [n.decode() for n in g["option_name"][:]]
        idx = {n: i for i, n in enumerate(names)}
        ch = g["people_hours"][:]
        check(np.array_equal(ch[idx["noop"]], ch[0]), "stochastic no-op: 0 in every trial")
        check(g["operators_changed"][idx["segment-f2"]] == 1,
              "stochastic: an option changing one operator leaves the others' statistics "
              "unchanged")
        i = idx["buffer-power-12h"]
        se, use = g["reduction_se"][i], g["reduction_unpaired_se"][i]
        print(f"paired SE {se:.4g}, unpaired SE {use:.4g}, ratio {se / use:.4f} (buffer-power-12h)")
        check(se < 0.5 * use and g["reduction_ci_low"][i] > 0,
              "paired CI much narrower than unpaired; reduction significant")
        d = ch[0] - ch[i]
        check(abs(d.mean() - g["reduction_mean"][i]) <= 1e-9 * abs(d.mean()),
              "reduction_mean = mean of per-trial differences")
print(f"compare: {failures} failure(s)")
sys.exit(1 if failures else 0)
