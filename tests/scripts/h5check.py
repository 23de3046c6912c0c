#!/usr/bin/python3
"""Independent reader of sectorsim results files (h5py + xarray).

    /usr/bin/python3 tests/scripts/h5check.py FILE [FILE ...] [--expect JSON]

For each FILE it checks
  * layout: the root attribute software == "sectorsim"; every dataset in
    /network, /results, /operators and /summary has string attributes units
    and long_name, a dimension scale on every axis (named as the dimension),
    no HDF5 enum, variable-length UTF-8 strings, only deflate/shuffle filters;
    integer codes carry flag_values/flag_meanings of equal length;
  * consistency (no sum across sectors of unlike units): per trial, loss_yen
    == sum over sector of sector_service_lost x sector_yen_per_unit;
    people_hours_low <= people_hours <= people_hours_high <= the residents out
    summed over sectors (sector_service_lost x 24 for a rate per day x
    sector_people_per_customer); people_hours <= peak_people_affected x
    horizon; people_hours == sum over prefecture of prefecture_people_hours
    (1e-9 relative); sum over time of sector_customers_out * step ==
    sector_service_lost in customer-hours, per sector (float32 tolerance); the
    summaries (people_*, yen_*, peak_*, detection_*, sector_*, prefecture_mean,
    ...) equal the statistics recomputed from the per-trial rows (mean,
    quantiles type 7, exceedance, p_multi_sector, time-series bands); /compare:
    expected_people_hours and reduction_mean from its per-trial rows, option 0
    = /results; network indices in range;
  * readers: xarray.open_dataset(FILE, group=G) with engine="h5netcdf" and
    engine="netcdf4" opens each group with named dimensions only.

--expect JSON (inline JSON, or the path of a JSON file) compares selected
values, e.g. {"results/people_hours": [1.5, 0], "summary/people_mean": 0.75},
within 1e-9 relative (exact for integers and strings), in every FILE.

Exit status: 0 all checks pass, 1 a check failed (each failure printed),
2 usage error or unreadable file.  Needs Debian's /usr/bin/python3 (h5py).
"""
import json
import os
import sys

import h5py
import numpy as np

XARRAY_GROUPS = ("network", "results", "operators", "summary")
REL = 1e-9


class Checker:
    def __init__(self, path):
        self.path = path
        self.failures = []

    def fail(self, msg):
        self.failures.append(msg)

    def close(self, name, a, b, rel=REL, atol=None):
        """a ~= b elementwise: |a-b| <= rel*max(|a|,|b|) + atol."""
        a = np.asarray(a, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if a.shape != b.shape:
            self.fail(f"{name}: shape {a.shape} != {b.shape}")
            return
        if atol is None:
            scale = max(np.abs(a).max(initial=0), np.abs(b).max(initial=0))
            atol = 1e-12 * scale
        err = np.abs(a - b) - (rel * np.maximum(np.abs(a), np.abs(b)) + atol)
        if a.size and (np.isnan(err).any() or err.max() > 0):
            i = np.unravel_index(np.nanargmax(np.where(np.isnan(err), np.inf, err)), a.shape)
            self.fail(f"{name}: differs at {tuple(int(j) for j in i)}: {a[i]!r} vs {b[i]!r}")


# ------------------------------------------------------------------ layout


def check_dataset_layout(c, ds):
    name = ds.name
    for attr in ("units", "long_name"):
        v = ds.attrs.get(attr)
        if not isinstance(v, str):
            c.fail(f"{name}: attribute {attr} missing or not a UTF-8 string ({v!r})")
    if h5py.check_enum_dtype(ds.dtype) is not None:
        c.fail(f"{name}: HDF5 enum type (use integer codes + labels)")
    sinfo = h5py.check_string_dtype(ds.dtype)
    if sinfo is not None and (sinfo.encoding != "utf-8" or sinfo.length is not None):
        c.fail(f"{name}: strings must be variable-length UTF-8 ({sinfo})")
    if ds.compression not in (None, "gzip") or ds.fletcher32 or ds.scaleoffset:
        c.fail(f"{name}: filters other than deflate/shuffle")
    is_scale = h5py.h5ds.is_scale(ds.id)
    for axis in range(ds.ndim):
        scales = list(ds.dims[axis].values())
        if is_scale and ds.ndim == 1:
            continue
        if not scales:
            c.fail(f"{name}: axis {axis} has no dimension scale")
        elif scales[0].parent.name != ds.parent.name:
            c.fail(f"{name}: axis {axis} scale {scales[0].name} is not in the same group")
    if "flag_values" in ds.attrs:
        values = np.atleast_1d(ds.attrs["flag_values"])
        meanings = str(ds.attrs.get("flag_meanings", "")).split()
        if len(values) != len(meanings):
            c.fail(f"{name}: {len(values)} flag_values but {len(meanings)} flag_meanings")
        if values.dtype != ds.dtype:
            c.fail(f"{name}: flag_values type {values.dtype} != data type {ds.dtype}")
        data = ds[()]
        if data.size and not np.isin(data, values).all():
            c.fail(f"{name}: codes outside flag_values")


def check_layout(c, f):
    if f.attrs.get("software") != "sectorsim":
        c.fail("root attribute software is not 'sectorsim'")
    for attr in ("Conventions", "title", "version", "git_revision", "rng", "model"):
        if not isinstance(f.attrs.get(attr), str):
            c.fail(f"root attribute {attr} missing or not a string")
    for attr in ("seed", "n_trials"):
        if f.attrs.get(attr) is None or np.asarray(f.attrs[attr]).dtype != np.uint64:
            c.fail(f"root attribute {attr} missing or not uint64")
    for g in XARRAY_GROUPS:
        if g not in f:
            c.fail(f"group /{g} missing")
            continue
        for key, obj in f[g].items():
            if isinstance(obj, h5py.Dataset):
                check_dataset_layout(c, obj)
            else:
                c.fail(f"{obj.name}: unexpected subgroup")


# ------------------------------------------------------------- consistency


def sector_factors(f, S):
    """Per sector: customer-hours per unit of lost service (24 for a rate per
    day, else 1), residents per customer, yen per unit, from /network."""
    n = f["network"]
    per_day = n["sector_per_day"][()].astype(bool)[:S]
    return (np.where(per_day, 24.0, 1.0), n["sector_people_per_customer"][()][:S],
            n["sector_yen_per_unit"][()][:S])


def check_results(c, f):
    r = f["results"]
    if "people_hours" not in r:
        if "trial" in r:
            c.fail("/results has trial rows but no people_hours")
        return
    ph = r["people_hours"][()]
    T = len(ph)
    if int(f.attrs["n_trials"]) != T:
        c.fail(f"n_trials {f.attrs['n_trials']} != {T} rows")
    if not np.array_equal(r["trial"][()], np.arange(T)):
        c.fail("/results/trial is not 0..T-1")
    lost = r["sector_service_lost"][()]
    S = lost.shape[1]
    k_ch, ppc, yen = sector_factors(f, S)
    # yen: the only cross-sector sum of lost service, each sector weighted by its yen per unit
    c.close("loss_yen vs sum over sector of sector_service_lost x sector_yen_per_unit",
            r["loss_yen"][()], (lost * yen[None, :]).sum(axis=1))
    # people: lower <= estimate <= upper, and the upper bound (sum over sectors capped at
    # each prefecture's population) at most the uncapped sum of residents out
    low, high = r["people_hours_low"][()], r["people_hours_high"][()]
    tol = 1e-9 * np.maximum(np.abs(high), 1.0)
    for name, a, b in (("people_hours_low <= people_hours", low, ph),
                       ("people_hours <= people_hours_high", ph, high)):
        bad = np.flatnonzero(a > b + tol)
        if bad.size:
            c.fail(f"{name}: not at trial {int(bad[0])}: {a[bad[0]]!r} > {b[bad[0]]!r}")
    if (low < 0).any():
        c.fail("people_hours_low < 0")
    uncapped = (lost * (k_ch * ppc)[None, :]).sum(axis=1)
    bad = np.flatnonzero(high > uncapped * (1 + 1e-9) + 1e-6)
    if bad.size:
        c.fail(f"people_hours_high exceeds the residents out summed over sectors at trial "
               f"{int(bad[0])}: {high[bad[0]]!r} > {uncapped[bad[0]]!r}")
    horizon = float(f.attrs["horizon_hours"])
    peak = r["peak_people_affected"][()]
    bad = np.flatnonzero(ph > peak * horizon * (1 + 1e-9) + 1e-6)
    if bad.size:
        c.fail(f"people_hours > peak_people_affected x horizon at trial {int(bad[0])}")
    pph = r["prefecture_people_hours"][()]
    c.close("sum over prefecture of prefecture_people_hours vs people_hours",
            pph.sum(axis=1), ph)
    if not np.array_equal(r["prefecture"][()], np.arange(1, 48)):
        c.fail("/results/prefecture is not 1..47")
    for col in ("sector_compromised", "sector_out", "sector_shutdowns"):
        if (r[col][()] < 0).any():
            c.fail(f"{col} < 0")
    if "sector_customers_out" in r:
        step = float(f.attrs["output_step_hours"])
        ts = r["sector_customers_out"][()].astype(np.float64)
        time = r["time"][()]
        c.close("/results/time", time, step * np.arange(len(time)))
        # each step's mean is over [time, min(time + step, horizon)): the last may be shorter;
        # customers (the sector's customer unit) x hours = lost service x (24 for a rate per day)
        width = np.minimum(step, horizon - time)
        ch = lost * k_ch[None, :]
        c.close("sum over time of sector_customers_out * width vs sector_service_lost "
                "in customer-hours", (ts * width[None, :, None]).sum(axis=1), ch, rel=1e-5,
                atol=1e-6 * max(1.0, np.abs(ch).max(initial=0)))


def check_stat(c, s, prefix, x, levels, probs):
    """The /summary statistics PREFIX_* of the per-trial values x."""
    c.close(f"{prefix}_mean", s[f"{prefix}_mean"][()], x.mean())
    c.close(f"{prefix}_max", s[f"{prefix}_max"][()], x.max())
    c.close(f"{prefix}_min", s[f"{prefix}_min"][()], x.min())
    c.close(f"{prefix}_quantile", s[f"{prefix}_quantile"][()], np.quantile(x, levels))
    c.close(f"{prefix}_exceedance", s[f"{prefix}_exceedance"][()], np.quantile(x, 1 - probs))
    c.close(f"{prefix}_p_nonzero", s[f"{prefix}_p_nonzero"][()], (x > 0).mean())
    if len(x) > 1:
        c.close(f"{prefix}_sd", s[f"{prefix}_sd"][()], x.std(ddof=1), rel=1e-8,
                atol=1e-12 * max(np.abs(x).max(), 1.0))


def check_summary(c, f):
    s = f["summary"]
    r = f["results"]
    if "people_hours" not in r:
        return
    ph = r["people_hours"][()]
    levels = s["quantile"][()]
    probs = s["exceedance_probability"][()]
    check_stat(c, s, "people", ph, levels, probs)
    check_stat(c, s, "yen", r["loss_yen"][()], levels, probs)
    check_stat(c, s, "peak", r["peak_people_affected"][()], levels, probs)
    check_stat(c, s, "detection", r["detection_hours"][()], levels, probs)
    c.close("people_low_mean", s["people_low_mean"][()], r["people_hours_low"][()].mean())
    c.close("people_high_mean", s["people_high_mean"][()], r["people_hours_high"][()].mean())
    lost = r["sector_service_lost"][()]
    c.close("sector_mean", s["sector_mean"][()], lost.mean(axis=0))
    c.close("sector_quantile", s["sector_quantile"][()], np.quantile(lost, levels, axis=0).T)
    c.close("sector_p_nonzero", s["sector_p_nonzero"][()], (lost > 0).mean(axis=0))
    c.close("prefecture_mean", s["prefecture_mean"][()],
            r["prefecture_people_hours"][()].mean(axis=0))
    c.close("p_multi_sector", s["p_multi_sector"][()], (r["max_sectors_out"][()] >= 2).mean())
    if "sector_customers_out" in r:
        ts = r["sector_customers_out"][()].astype(np.float64)
        c.close("ts_mean", s["ts_mean"][()], ts.mean(axis=0))
        c.close("ts_p50", s["ts_p50"][()], np.quantile(ts, 0.5, axis=0))
        c.close("ts_p95", s["ts_p95"][()], np.quantile(ts, 0.95, axis=0))


def check_compare(c, f):
    """/compare (sectorsim compare): option 0 is the baseline of /results; the
    expected person-hours and the paired reductions are those of the per-trial rows."""
    if "compare" not in f:
        return
    g = f["compare"]
    mean = g["expected_people_hours"][()]
    if "people_hours" in g:
        ph = g["people_hours"][()]
        c.close("/compare/expected_people_hours vs mean of /compare/people_hours",
                mean, ph.mean(axis=1))
        c.close("/compare/reduction_mean vs mean of paired differences",
                g["reduction_mean"][()], (ph[0][None, :] - ph).mean(axis=1))
        if "results" in f and "people_hours" in f["results"]:
            c.close("/compare/people_hours[0] vs /results/people_hours", ph[0],
                    f["results/people_hours"][()])
    lo, hi = g["reduction_ci_low"][()], g["reduction_ci_high"][()]
    red = g["reduction_mean"][()]
    if ((lo > red + 1e-9 * np.abs(red)) | (red > hi + 1e-9 * np.abs(red))).any():
        c.fail("/compare: reduction_mean outside its CI")
    lo, hi = g["reduction_yen_ci_low"][()], g["reduction_yen_ci_high"][()]
    red = g["reduction_yen_mean"][()]
    if ((lo > red + 1e-9 * np.abs(red)) | (red > hi + 1e-9 * np.abs(red))).any():
        c.fail("/compare: reduction_yen_mean outside its CI")
    c.close("/compare/reduction_yen_mean vs expected_loss_yen[0] - expected_loss_yen",
            g["reduction_yen_mean"][()],
            g["expected_loss_yen"][()][0] - g["expected_loss_yen"][()],
            atol=1e-9 * max(np.abs(g["expected_loss_yen"][()]).max(initial=0), 1.0))


def check_network(c, f):
    n = f["network"]
    n_ops, n_sup = len(n["operator"]), len(n["supplier"])
    if "supply_supplier" not in n:
        # output.network_tables false: the edge tables stay in the network's
        # files, named with their digests in /provenance/inputs
        files = [x.decode() if isinstance(x, bytes) else x
                 for x in f["provenance/inputs/file"][()]]
        for name in ("supply.csv", "dependencies.csv"):
            if name not in files:
                c.fail(f"no /network edge table and no {name} in /provenance/inputs")
        if "operator_id" in n or "supply_edge" in n or "dependency" in n:
            c.fail("output.network_tables false: some of the network's tables are left")
        return
    sup = n["supply_supplier"][()]
    cust = n["supply_customer"][()]
    if sup.size and (sup.min() < 0 or sup.max() >= n_sup):
        c.fail("supply_supplier out of range")
    if cust.size and (cust.min() < 0 or cust.max() >= n_ops + n_sup):
        c.fail("supply_customer out of range")
    for col in ("dependency_operator", "dependency_provider"):
        v = n[col][()]
        if v.size and (v.min() < 0 or v.max() >= n_ops):
            c.fail(f"{col} out of range")
    pref = n["operator_prefecture"][()]
    if pref.size and (pref.min() < 1 or pref.max() > 47):
        c.fail("operator_prefecture outside 1..47")
    if "operators" in f and "operator_p_out" in f["operators"]:
        for col in ("operator_p_compromised", "operator_p_out"):
            v = f["operators"][col][()]
            if v.size and (v.min() < 0 or v.max() > 1):
                c.fail(f"/operators/{col} outside [0, 1]")


# ----------------------------------------------------------------- xarray


def axis_names(ds):
    """Dimension names of ds from its attached scales (a scale names itself)."""
    names = []
    for axis in range(ds.ndim):
        scales = list(ds.dims[axis].values())
        names.append((scales[0] if scales else ds).name.rsplit("/", 1)[-1])
    return names


def check_xarray(c, f):
    import xarray as xr

    for engine in ("h5netcdf", "netcdf4"):
        for g in XARRAY_GROUPS:
            if g not in f:
                continue
            try:
                with xr.open_dataset(c.path, group=g, engine=engine) as ds:
                    for dim in ds.dims:
                        if str(dim).startswith("phony_dim"):
                            c.fail(f"xarray[{engine}] /{g}: unnamed dimension {dim}")
                    for name, var in ds.variables.items():
                        h5dims = axis_names(f[g][name])
                        if list(var.dims) != h5dims:
                            c.fail(f"xarray[{engine}] /{g}/{name}: dims {var.dims} != {h5dims}")
                    missing = set(f[g].keys()) - set(ds.variables)
                    if missing:
                        c.fail(f"xarray[{engine}] /{g}: variables not read: {sorted(missing)}")
            except Exception as e:  # noqa: BLE001 - report any reader failure
                c.fail(f"xarray[{engine}] cannot open /{g}: {type(e).__name__}: {e}")


# ----------------------------------------------------------------- expect


def check_expect(c, f, expect):
    for key, want in expect.items():
        if key not in f:
            c.fail(f"--expect: {key} not in file")
            continue
        got = f[key][()]
        if h5py.check_string_dtype(f[key].dtype) is not None:
            got = np.vectorize(lambda b: b.decode() if isinstance(b, bytes) else b)(got)
            if list(np.atleast_1d(got)) != list(np.atleast_1d(want)):
                c.fail(f"--expect {key}: {got!r} != {want!r}")
        elif np.issubdtype(np.asarray(got).dtype, np.integer):
            if not np.array_equal(np.asarray(got), np.asarray(want)):
                c.fail(f"--expect {key}: {np.asarray(got).tolist()!r} != {want!r}")
        else:
            c.close(f"--expect {key}", got, want, atol=0)


def check_file(path, expect):
    c = Checker(path)
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        print(f"h5check: {path}: cannot open: {e}", file=sys.stderr)
        return 2
    with f:
        for step in (check_layout, check_results, check_summary, check_compare, check_network,
                     check_xarray):
            try:
                step(c, f)
            except Exception as e:  # noqa: BLE001 - a missing dataset is a failure
                c.fail(f"{step.__name__}: {type(e).__name__}: {e}")
        if expect:
            check_expect(c, f, expect)
    for msg in c.failures:
        print(f"h5check: {path}: {msg}", file=sys.stderr)
    if not c.failures:
        print(f"h5check: {path}: ok")
    return 1 if c.failures else 0


def main(argv):
    files, expect = [], None
    i = 0
    while i < len(argv):
        if argv[i] == "--expect" and i + 1 < len(argv):
            text = argv[i + 1]
            try:
                if os.path.exists(text):
                    with open(text, encoding="utf-8") as fh:
                        text = fh.read()
                expect = json.loads(text)
            except (OSError, ValueError) as e:
                print(f"h5check: --expect: {e}", file=sys.stderr)
                return 2
            i += 2
        elif argv[i].startswith("-"):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            files.append(argv[i])
            i += 1
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    return max(check_file(p, expect) for p in files)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
