#!/usr/bin/python3
"""sectorsim risk against answers worked out from the Poisson law (docs/risk.md).

The tiny example (tests/scenarios/tiny_options.yaml) fixes every draw, so each
incident of a class built on it loses exactly the same person-hours L: the
year model alone makes the annual loss random.  Then

* one class, rate lam: AAL = lam L, the OEP at return period T is L when
  P(N >= 1) = 1 - exp(-lam) >= 1/T and 0 otherwise, and the AEP is k L with k
  the largest count whose P(N >= k) >= 1/T;
* two classes with fixed losses L1, L2 and rates lam1, lam2: the annual loss
  N1 L1 + N2 L2 has a distribution enumerated here by hand, and the AEP at
  each T is its quantile; each class's AAL is lam_c L_c;
* the option `noop` changes nothing: reduction exactly 0 in every year, the
  option's year losses identical to the baseline's; `vet-us-block` removes
  the only origin: the reduction is the whole AAL;
* the /risk datasets are byte-identical at 1, 2 and 3 threads;
* `summarize` and `info` of the file print the tables the run printed.

usage: check_risk.py SECTORSIM REPO_ROOT WORKDIR
"""
import math
import os
import subprocess
import sys

import h5py
import numpy as np

BIN, ROOT, WORK = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
os.makedirs(WORK, exist_ok=True)
TINY_NET = f"{ROOT}/scenarios/examples/tiny/network"
TINY = f"{ROOT}/tests/scenarios/tiny_options.yaml"
RPS = [2, 5, 10, 25, 50, 100, 250]
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def catalogue(name, classes, years, replicates, options=None, seed=11):
    path = f"{WORK}/{name}.yaml"
    with open(path, "w") as f:
        f.write(f"name: {name}\nnetwork: {TINY_NET}\nseed: {seed}\n")
        f.write(f"years: {years}\nreplicates: {replicates}\n")
        if options:
            f.write(f"options: {options}\n")
        f.write("classes:\n")
        for cname, scen, rate in classes:
            f.write(f"  - name: {cname}\n    scenario: {scen}\n    rate: {rate}\n")
            f.write("    source: test\n    confidence: low\n")
    return path


def run(cat, out, *extra):
    p = subprocess.run([BIN, "risk", cat, "-o", out, "-q", *extra], capture_output=True,
                       text=True)
    if p.returncode != 0:
        print(p.stdout, p.stderr)
        raise SystemExit(f"sectorsim risk {cat} failed ({p.returncode})")
    return h5py.File(out, "r")


def poisson_sf(lam, k):
    """P(N >= k)."""
    return 1.0 - sum(math.exp(-lam) * lam**i / math.factorial(i) for i in range(k))


def fixed_loss(f, cls=None):
    inc = f["risk/incident_people_hours"][0]
    if cls is not None:
        inc = inc[f["risk/incident_class"][:] == cls]
    vals = np.unique(inc)
    check(len(vals) == 1 and vals[0] > 0, f"every incident loses the same person-hours ({vals[:3]})")
    return float(vals[0])


def margin_ok(prob, target, years, what):
    """A return period whose probability sits within 5 standard errors of a
    step of the law would test the noise, not the engine: refuse it."""
    se = math.sqrt(max(prob * (1 - prob), 1e-12) / years)
    if abs(prob - target) < 5 * se:
        raise SystemExit(f"test design: {what} too close to a step ({prob} vs {target})")


# --- one class -----------------------------------------------------------------
lam, Y = 0.5, 100000
f = run(catalogue("one", [("tiny", TINY, lam)], Y, 100), f"{WORK}/one.h5")
L = fixed_loss(f)
M = 1  # people_hours
aal, se = f["risk/aal"][0, M], f["risk/aal_se"][0, M]
check(abs(aal - lam * L) <= 4 * se, f"one class: AAL {aal:.6g} = lam L {lam * L:.6g} within 4 SE ({se:.3g})")
lo, hi = f["risk/aal_ci_low"][0, M], f["risk/aal_ci_high"][0, M]
check(lo < aal < hi, "one class: the AAL lies inside its CI")
for p, T in enumerate(RPS):
    p1 = 1 - math.exp(-lam)
    margin_ok(p1, 1 / T, Y, f"OEP T={T}")
    want_oep = L if p1 >= 1 / T else 0.0
    check(f["risk/oep"][0, p, M] == want_oep, f"one class: OEP at {T} y = {want_oep:.6g}")
    k = 0
    while poisson_sf(lam, k + 1) >= 1 / T:
        k += 1
    margin_ok(poisson_sf(lam, k + 1), 1 / T, Y, f"AEP T={T}")
    margin_ok(poisson_sf(lam, k), 1 / T, Y, f"AEP T={T}") if k else None
    check(abs(f["risk/aep"][0, p, M] - k * L) <= 1e-9 * max(L, 1),
          f"one class: AEP at {T} y = {k} x L ({f['risk/aep'][0, p, M]:.6g})")
tail = f["risk/tail_mean_100"][0, M]
check(abs(tail - f["risk/class_tail_100"][0, 0, M]) <= 1e-9 * tail,
      "one class: the class holds the whole 1-in-100 tail")
counts = f["risk/incidents"][:, 0]
check(abs(counts.mean() - lam) <= 4 * math.sqrt(lam / Y), f"one class: mean count {counts.mean():.4f} ~ lam")
f.close()

# --- two classes: a compound Poisson law worked by hand ---------------------------
slow = f"{WORK}/tiny_slow.yaml"
with open(TINY) as src, open(slow, "w") as dst:
    text = src.read().replace("network: ../../scenarios/examples/tiny/network",
                              f"network: {TINY_NET}")
    # every outage lasts longer: a different fixed loss
    dst.write(text.replace("duration_hours: { default: 24, electricity: 10, water: 12 }",
                           "duration_hours: { default: 40, electricity: 20, water: 30 }"))
lam1, lam2, Y = 0.3, 0.2, 200000
f = run(catalogue("two", [("fast", TINY, lam1), ("slow", slow, lam2)], Y, 100), f"{WORK}/two.h5")
L1, L2 = fixed_loss(f, 0), fixed_loss(f, 1)
check(L1 != L2, f"two classes: different fixed losses ({L1:.6g}, {L2:.6g})")
pmf = {}
for n1 in range(12):
    for n2 in range(12):
        pr = (math.exp(-lam1) * lam1**n1 / math.factorial(n1)) * \
             (math.exp(-lam2) * lam2**n2 / math.factorial(n2))
        x = n1 * L1 + n2 * L2
        pmf[x] = pmf.get(x, 0) + pr
support = sorted(pmf)
for p, T in enumerate(RPS):
    # the largest loss x with P(loss >= x) >= 1/T
    want, sf = 0.0, 1.0
    for x in support:
        if sf >= 1 / T:
            want = x
        margin_ok(sf, 1 / T, Y, f"two-class AEP T={T}")
        sf -= pmf[x]
    got = f["risk/aep"][0, p, M]
    check(abs(got - want) <= 1e-9 * max(want, 1), f"two classes: AEP at {T} y = {want:.6g} (got {got:.6g})")
for c, (lc, Lc) in enumerate([(lam1, L1), (lam2, L2)]):
    got = f["risk/class_aal"][0, c, M]
    sd = Lc * math.sqrt(lc / Y)
    check(abs(got - lc * Lc) <= 5 * sd, f"two classes: class {c} AAL {got:.6g} = lam L {lc * Lc:.6g}")
check(abs(f["risk/class_aal"][0, :, M].sum() - f["risk/aal"][0, M]) <= 1e-9 * f["risk/aal"][0, M],
      "two classes: the classes' AAL add up to the AAL")
f.close()

# --- options: nothing changed is exactly nothing; thread invariance ---------------------
cat = catalogue("opts", [("tiny", TINY, 0.5), ("slow", slow, 0.3)], 2000, 20, options=TINY)
files = [run(cat, f"{WORK}/opts_t{t}.h5", "--threads", str(t)) for t in (1, 2, 3)]
f = files[0]
names = [n.decode() if isinstance(n, bytes) else n for n in f["risk/option_name"][:]]
noop = names.index("noop")
check(np.array_equal(f["risk/year_loss"][noop], f["risk/year_loss"][0]),
      "noop: every year's losses identical to the baseline's")
check(np.all(f["risk/reduction_aal"][noop] == 0) and np.all(f["risk/reduction_max_abs"][noop] == 0),
      "noop: reduction exactly 0")
lo, hi = f["risk/reduction_aep_ci_low"][:, :, :2], f["risk/reduction_aep_ci_high"][:, :, :2]
check(np.all(lo[noop] == 0) and np.all(hi[noop] == 0), "noop: the AEP reductions' bootstrap intervals are [0, 0]")
both = ~np.isnan(lo[1:]) & ~np.isnan(hi[1:])
check(np.all(lo[1:][both] <= hi[1:][both]) and np.all(np.isnan(f["risk/reduction_aep_ci_low"][:, :, 2:])),
      "AEP reduction intervals: low <= high for yen and person-hours, NaN for the sectors")
block = names.index("vet-us-block")
# the option's incidents are as deterministic as the baseline's: each class
# loses a fixed amount under it, and each year's loss is the count times it
inc_b, cls_b = f["risk/incident_people_hours"][block], f["risk/incident_class"][:]
cnt = f["risk/incidents"][:]
want = np.zeros(cnt.shape[0])
for c in range(cnt.shape[1]):
    vals = np.unique(inc_b[cls_b == c])
    check(len(vals) == 1, f"vet-us-block: class {c} loses a fixed amount under the option ({vals[:3]})")
    want += cnt[:, c] * vals[0]
check(np.allclose(f["risk/year_loss"][block, :, M], want, rtol=1e-12, atol=0),
      "vet-us-block: each year's loss = its counts x the fixed losses under the option")
check(f["risk/reduction_aal"][block, M] > 0, "vet-us-block: blocking the origin's edges reduces the AAL")
nb = f["risk/net_benefit"][block]
check(abs(nb - (f["risk/reduction_aal"][block, 0] - f["risk/burden_annualised"][block])) <= 1e-6 * max(abs(nb), 1),
      "net benefit = reduction (yen) - annualised burden")
rf = f.attrs["recovery_factor"]
ann = f["risk/burden_recurring"][:] + f["risk/burden_oneoff"][:] * rf
check(np.allclose(ann, f["risk/burden_annualised"][:], rtol=1e-12, atol=0),
      "annualised burden = recurring + one-off x recovery factor")
r, n = f.attrs["burden_discount_rate"], f.attrs["burden_life_years"]
check(abs(rf - r / (1 - (1 + r) ** -n)) <= 1e-12, f"recovery factor {rf:.6g} = r / (1 - (1 + r)^-n)")
pb = f["risk/p_beats"][:]
check(np.allclose(pb + pb.T, 1.0), "P(a beats b) + P(b beats a) = 1")
for name in f["risk"]:
    a = f["risk"][name][()]
    eq_nan = a.dtype.kind == "f"
    same = all(np.array_equal(a, g["risk"][name][()], equal_nan=eq_nan) for g in files[1:])
    if not same:
        check(False, f"/risk/{name} identical at 1, 2 and 3 threads")
check(True, f"/risk: {len(f['risk'])} datasets compared at 1, 2 and 3 threads")
for g in files:
    g.close()

# --- the file's conventions: units and long_name everywhere, xarray opens /risk ---------
f = h5py.File(f"{WORK}/opts_t1.h5", "r")
missing = [n for n in f["risk"] if not {"units", "long_name"} <= set(f["risk"][n].attrs)]
check(not missing, f"every /risk dataset has units and long_name ({missing[:3]})")
check(f.attrs["file_kind"] == "risk" and f.attrs["software"] == "sectorsim", "root attributes say a risk file")
f.close()
import xarray as xr
for engine in ("h5netcdf", "netcdf4"):
    ds = xr.open_dataset(f"{WORK}/opts_t1.h5", group="risk", engine=engine)
    check(float(ds["aal"].sel(option=0, metric=1)) == float(h5py.File(f"{WORK}/opts_t1.h5", "r")["risk/aal"][0, 1]),
          f"xarray ({engine}) reads /risk with its coordinates")
    ds.close()

# --- summarize and info read the file back: the same tables as the run printed ----------
out = f"{WORK}/opts_print.h5"
printed = subprocess.run([BIN, "risk", cat, "-o", out, "-q"], capture_output=True, text=True).stdout
summarized = subprocess.run([BIN, "summarize", out], capture_output=True, text=True)
check(summarized.returncode == 0 and summarized.stdout == printed and "Options across" in printed,
      "summarize of a risk file prints the tables the run printed")
info = subprocess.run([BIN, "info", out], capture_output=True, text=True)
check(info.returncode == 0 and printed in info.stdout and "sectorsim risk file" in info.stdout,
      "info of a risk file: its title, command line and tables")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all risk checks passed")
