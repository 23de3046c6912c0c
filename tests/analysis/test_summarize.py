#!/usr/bin/python3
"""sectorsim summarize on the tiny example: the hand-worked numbers
(scenarios/examples/tiny/README.md: lost service by sector in customer-hours,
the tiny network's unit, and person-hours affected, each resident counted once,
step 6) on stdout, tidy CSVs that pandas parses and
that agree with h5py, --excel adds exactly the UTF-8 BOM, bad inputs exit 2 and
leave no files.  Usage: test_summarize.py SECTORSIM TINY_SCENARIO"""
import os
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import pandas as pd

BIN, TINY = sys.argv[1], sys.argv[2]
FILES = ["national.csv", "sectors.csv", "prefectures.csv", "quantiles.csv", "exceedance.csv"]


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True)


def check(cond, msg):
    if not cond:
        sys.exit(f"FAIL: {msg}")


with tempfile.TemporaryDirectory() as tmp:
    h5 = os.path.join(tmp, "tiny.h5")
    r = run("run", TINY, "-o", h5, "--quiet")
    check(r.returncode == 0, f"run: {r.stderr}")

    r = run("summarize", h5, "--csv", os.path.join(tmp, "csv"))
    check(r.returncode == 0, f"summarize: {r.stderr}")
    out = r.stdout
    for text in ["22,731,804", "1,318,147", "11,000,000", "5,520,000", "2,400,000", "1,980,000",
                 "1,275,000", "960,000", "11,511,889", "11,219,915", "8 trials", "seed 42",
                 "customer-hours", "each sector in its own unit", "each resident counted once"]:
        check(text in out, f"stdout lacks {text!r}:\n{out}")

    # round_trip: the CSVs print %.17g, which parses back exactly only with it
    csv = {f: pd.read_csv(os.path.join(tmp, "csv", f), float_precision="round_trip") for f in FILES}
    with h5py.File(h5) as f:
        s = f["summary"]
        nat = csv["national.csv"].set_index("quantity")
        check(sorted(nat.index) == ["detection_hours", "loss_yen", "peak_people_affected", "people_hours"],
              f"national quantities: people, yen and detection, no sum across sector units: {list(nat.index)}")
        check(nat.loc["detection_hours", "unit"] == "h"
              and nat.loc["detection_hours", "mean"] == s["detection_mean"][()], "detection row")
        check(nat.loc["people_hours", "mean"] == s["people_mean"][()]
              and abs(nat.loc["people_hours", "mean"] - 22731803.89) < 0.005, "national people mean")
        check(nat.loc["people_hours", "unit"] == "person h", "national unit")
        check(abs(nat.loc["peak_people_affected", "mean"] - 1318147.12) < 0.005
              and nat.loc["peak_people_affected", "unit"] == "person", "peak mean")
        check(nat.loc["loss_yen", "mean"] == 0 and nat.loc["loss_yen", "unit"] == "JPY",
              "no yen weights: loss_yen 0")
        sec = csv["sectors.csv"]
        names = [n.decode() for n in s["sector_name"][()]]
        check(list(sec["sector"]) == names, "sector names")
        units = [u.decode() if isinstance(u, bytes) else u for u in f["network/sector_service_unit"][()]]
        check(list(sec["unit"]) == units and set(units) == {"customer-hours"},
              "sector units = /network/sector_service_unit (customer-hours without sectors.csv)")
        check(np.array_equal(sec["mean"], s["sector_mean"][()]), "sector means agree with h5py")
        check(sec.set_index("sector").loc["water", "mean"] == 5520000, "water")
        pref = csv["prefectures.csv"].set_index("prefecture_code")
        check(abs(pref.loc[13, "mean_person_h"] - 11511889.38) < 0.005
              and abs(pref.loc[27, "mean_person_h"] - 11219914.52) < 0.005,
              "prefectures of residence (README step 6)")
        check(np.array_equal(csv["prefectures.csv"]["mean_person_h"], s["prefecture_mean"][()]), "pref h5py")
        q = csv["quantiles.csv"]
        nq = q[(q.scope == "national") & (q.quantity == "people_hours")]
        check(np.allclose(nq["quantile"], s["quantile"][()]) and np.array_equal(nq["value"], s["people_quantile"][()]),
              "national quantiles")
        nq = q[(q.scope == "national") & (q.quantity == "loss_yen")]
        check(np.array_equal(nq["value"], s["yen_quantile"][()]) and set(nq["unit"]) == {"JPY"},
              "yen quantiles")
        sq = q[q.scope == "electricity"]
        check(np.array_equal(sq["value"], s["sector_quantile"][0]) and set(sq["quantity"]) == {"lost_service"}
              and set(sq["unit"]) == {units[0]}, "sector quantiles, in the sector's unit")
        x = csv["exceedance.csv"]
        nx = x[(x.scope == "national") & (x.quantity == "people_hours")]
        check(np.array_equal(nx["value"], s["people_exceedance"][()]), "exceedance")

    r = run("summarize", h5, "--csv", os.path.join(tmp, "xl"), "--excel")
    check(r.returncode == 0, f"--excel: {r.stderr}")
    for f in FILES:
        plain = open(os.path.join(tmp, "csv", f), "rb").read()
        xl = open(os.path.join(tmp, "xl", f), "rb").read()
        check(xl == b"\xef\xbb\xbf" + plain, f"--excel {f}: not exactly BOM + plain bytes")
        check(not plain.startswith(b"\xef\xbb\xbf"), f"{f}: BOM without --excel")

    # Bad inputs: exit 2, the file named, no output directory or file left.
    junk = os.path.join(tmp, "junk.h5")
    open(junk, "w").write("not hdf5\n")
    foreign = os.path.join(tmp, "foreign.h5")
    with h5py.File(foreign, "w") as f:
        f["x"] = [1, 2, 3]
    # A per-sector array shorter than the sectors (the printers read it by
    # sector: a heap overflow before, found by tests/fuzz).
    short = []
    for name in ["sector_p_nonzero", "sector_cvar95", "sector_se", "sector"]:
        p = os.path.join(tmp, f"short_{name}.h5")
        shutil.copy(h5, p)
        with h5py.File(p, "r+") as f:
            kept = f["summary"][name][:1]
            del f["summary"][name]
            f["summary"][name] = kept
        short.append(p)
    for bad in [os.path.join(tmp, "missing.h5"), junk, foreign] + short:
        d = os.path.join(tmp, "bad_out")
        r = run("summarize", bad, "--csv", d)
        check(r.returncode == 2, f"{bad}: exit {r.returncode}, want 2")
        check(os.path.basename(bad) in r.stderr, f"{bad}: error does not name the file: {r.stderr}")
        check(not os.path.exists(d), f"{bad}: left {d}")
    check(run("summarize").returncode == 2, "no argument")
    check(run("summarize", h5, "--bogus").returncode == 2, "unknown option")
    check(run("summarize", h5, "--excel").returncode == 2, "--excel without --csv")
    leftovers = [n for n in os.listdir(os.path.join(tmp, "csv")) if n.startswith(".")]
    check(not leftovers, f"temporary files left: {leftovers}")
    # A `compare` file: one row per option, options.csv agrees with /compare.
    if len(sys.argv) > 3:
        cmp_h5 = os.path.join(tmp, "cmp.h5")
        r = run("compare", sys.argv[3], "-o", cmp_h5, "--quiet")
        check(r.returncode == 0, f"compare: {r.stderr}")
        r = run("summarize", cmp_h5, "--csv", os.path.join(tmp, "cmp"))
        check(r.returncode == 0 and "by option" in r.stdout, f"summarize compare: {r.stderr}")
        opts = pd.read_csv(os.path.join(tmp, "cmp", "options.csv"), float_precision="round_trip")
        with h5py.File(cmp_h5) as f:
            c = f["compare"]
            check(list(opts["option"]) == [n.decode() for n in c["option_name"][()]], "option names")
            check(np.array_equal(opts["mean_person_h"], c["expected_people_hours"][()]), "option means")
            check(np.array_equal(opts["reduction_person_h"], c["reduction_mean"][()]), "option reductions")
            check(np.array_equal(opts["burden_jpy_per_year"], c["burden"][()]), "option burden")
        for name in opts["option"]:
            check(name in r.stdout, f"stdout lacks option {name}")
print("ok: summarize")
