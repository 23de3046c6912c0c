#!/usr/bin/python3
"""sectorsim summarize on the tiny example: the hand-worked numbers
(scenarios/examples/tiny/README.md) on stdout, tidy CSVs that pandas parses and
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
    for text in ["23,135,000", "1,365,000", "11,000,000", "5,520,000", "2,400,000", "1,980,000",
                 "1,275,000", "960,000", "11,735,000", "11,400,000", "8 trials", "seed 42"]:
        check(text in out, f"stdout lacks {text!r}:\n{out}")

    csv = {f: pd.read_csv(os.path.join(tmp, "csv", f)) for f in FILES}
    with h5py.File(h5) as f:
        s = f["summary"]
        nat = csv["national.csv"].set_index("quantity")
        check(nat.loc["customer_hours", "mean"] == 23135000 == s["total_mean"][()], "national mean")
        check(nat.loc["customer_hours", "unit"] == "person h", "national unit")
        check(nat.loc["peak_customers_out", "mean"] == 1365000, "peak mean")
        sec = csv["sectors.csv"]
        names = [n.decode() for n in s["sector_name"][()]]
        check(list(sec["sector"]) == names, "sector names")
        check(np.array_equal(sec["mean_person_h"], s["sector_mean"][()]), "sector means agree with h5py")
        check(sec.set_index("sector").loc["water", "mean_person_h"] == 5520000, "water")
        pref = csv["prefectures.csv"].set_index("prefecture_code")
        check(pref.loc[13, "mean_person_h"] == 11735000 and pref.loc[27, "mean_person_h"] == 11400000,
              "prefectures")
        check(np.array_equal(csv["prefectures.csv"]["mean_person_h"], s["prefecture_mean"][()]), "pref h5py")
        q = csv["quantiles.csv"]
        nq = q[(q.scope == "national") & (q.quantity == "customer_hours")]
        check(np.allclose(nq["quantile"], s["quantile"][()]) and np.array_equal(nq["value"], s["total_quantile"][()]),
              "national quantiles")
        sq = q[q.scope == "electricity"]
        check(np.array_equal(sq["value"], s["sector_quantile"][0]), "sector quantiles")
        x = csv["exceedance.csv"]
        nx = x[(x.scope == "national") & (x.quantity == "customer_hours")]
        check(np.array_equal(nx["value"], s["total_exceedance"][()]), "exceedance")

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
        opts = pd.read_csv(os.path.join(tmp, "cmp", "options.csv"))
        with h5py.File(cmp_h5) as f:
            c = f["compare"]
            check(list(opts["option"]) == [n.decode() for n in c["option_name"][()]], "option names")
            check(np.array_equal(opts["mean_person_h"], c["expected_customer_hours"][()]), "option means")
            check(np.array_equal(opts["burden_jpy_per_year"], c["burden"][()]), "option burden")
        for name in opts["option"]:
            check(name in r.stdout, f"stdout lacks option {name}")
print("ok: summarize")
