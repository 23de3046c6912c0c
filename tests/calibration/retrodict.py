#!/usr/bin/env python3
"""Retrodiction suite (issue 19, docs/calibration.md).

usage: retrodict.py SECTORSIM SOURCE_DIR [--trials N] [--only SCENARIO ...]
                    [--markdown FILE] [--keep DIR] [--threads T] [--network DIR]

For each history scenario (SOURCE_DIR/scenarios/japan/history/NAME.yaml) named in
checks.csv, runs `sectorsim run` into a temporary directory, reads the HDF5 results and
computes, per trial, each target metric of targets.csv that checks.csv maps onto an
engine output.  Prints one table row per targets.csv row:

  incident | metric | public range (value) | simulated median [5 %, 95 %] | inside? |
  covered? | train/holdout

inside?  = the simulated median lies in [public_low, public_high];
covered? = the simulated 5-95 % interval contains public_value.

checks.csv's status says what a row is:
  check        computed and asserted: a failure makes the exit status 1;
  known_miss   computed and shown, not asserted: a documented miss (reason given);
  not_checked  the engine cannot produce it (reason given).
Every targets.csv row must have exactly one checks.csv row (and vice versa).

Computations (the `computation` column; s = the row's sector, O = the operators of
sector s supplied directly (supply.csv) by the scenario's origin suppliers):
  service_lost                 /results/sector_service_lost[:, s]
  sector_out                   /results/sector_out[:, s]
  sector_compromised           /results/sector_compromised[:, s]
  shutdowns                    /results/sector_shutdowns[:, s]
  operators_out_all            /results/operators_out
  detection_hours              /results/detection_hours
  max_sectors_out              /results/max_sectors_out
  outage_span_hours            hours with /results/sector_customers_out[:, t, s] > 0
                               (steps x output_step_hours)
  peak_fraction_origin_customers
                               max over t of sector_customers_out[:, t, s] / customers(O)
  capacity_days_origin_customers
                               sector_service_lost[:, s] / customers(O) (x 1/24 unless the
                               sector's customers are a rate per day): days of O's whole
                               throughput lost
  service_fraction_origin_customers_10d
                               capacity_days_origin_customers / 10 (share of O's volume
                               over ten days)
  out_fraction_origin_customers
                               sector_out[:, s] / |O|
  out_fraction_sector          sector_out[:, s] / operators of sector s in the network
  compromised_fraction_origin_customers
                               operators_compromised / operators (all sectors) supplied
                               directly by the origins
  amplification                operators_compromised / (suppliers_compromised - origins):
                               downstream operators per compromised MSP (trials with no
                               compromised MSP are left out and counted)
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

HIST = os.path.join("scenarios", "japan", "history")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def dec(x):
    return x.decode() if isinstance(x, bytes) else str(x)


class Run:
    """One scenario's results file and the network it carries."""

    def __init__(self, path):
        self.f = h5py.File(path, "r")
        net = self.f["/network"]
        self.sector_names = [dec(x) for x in net["sector_name"][:]]
        self.op_sector = net["operator_sector"][:].astype(int)
        self.op_customers = net["operator_customers"][:].astype(float)
        self.sup_ids = [dec(x) for x in net["supplier_id"][:]]
        self.supply_supplier = net["supply_supplier"][:]
        self.supply_customer = net["supply_customer"][:]
        self.per_day = net["sector_per_day"][:]
        self.n_ops = len(self.op_sector)
        self.step = float(self.f.attrs["output_step_hours"])
        cfg = json.loads(dec(self.f["/provenance/resolved_config_json"][()]))
        self.origins = self._origins(cfg)
        inc = cfg.get("incident", {}) if isinstance(cfg.get("incident"), dict) else {}
        scope = inc.get("scope", {}).get("operators") or []
        op_ids = [dec(x) for x in net["operator_id"][:]]
        self.scope = np.array([op_ids.index(i) for i in scope], dtype=int) if scope else None

    def _origins(self, cfg):
        inc = cfg.get("incident", {})
        ids = inc.get("origin", {}).get("suppliers") if isinstance(inc, dict) else None
        if ids is None:
            ids = cfg.get("incident.origin.suppliers")
        if not ids:
            raise SystemExit("retrodict: the scenario must name incident.origin.suppliers")
        return [self.sup_ids.index(i) for i in ids]

    def res(self, name):
        return self.f["/results/" + name][...]

    def sector(self, name):
        return self.sector_names.index(name)

    def origin_customers(self, s=None):
        """Operator indices supplied directly by an origin (of sector s when given),
        within incident.scope.operators when the scenario sets it."""
        m = np.isin(self.supply_supplier, self.origins) & (self.supply_customer < self.n_ops)
        ops = np.unique(self.supply_customer[m])
        if self.scope is not None:
            ops = ops[np.isin(ops, self.scope)]
        if s is not None:
            ops = ops[self.op_sector[ops] == s]
        return ops

    def compute(self, comp, sector):
        s = None if sector == "all" else self.sector(sector)
        if comp == "service_lost":
            return self.res("sector_service_lost")[:, s]
        if comp == "sector_out":
            return self.res("sector_out")[:, s].astype(float)
        if comp == "sector_compromised":
            return self.res("sector_compromised")[:, s].astype(float)
        if comp == "shutdowns":
            return self.res("sector_shutdowns")[:, s].astype(float)
        if comp == "operators_out_all":
            return self.res("operators_out").astype(float)
        if comp == "detection_hours":
            return self.res("detection_hours")
        if comp == "max_sectors_out":
            return self.res("max_sectors_out").astype(float)
        if comp == "outage_span_hours":
            ts = self.res("sector_customers_out")[:, :, s]
            return (ts > 0).sum(axis=1) * self.step
        if comp == "peak_fraction_origin_customers":
            c = self.op_customers[self.origin_customers(s)].sum()
            return self.res("sector_customers_out")[:, :, s].max(axis=1) / c
        if comp in ("capacity_days_origin_customers", "service_fraction_origin_customers_10d"):
            c = self.op_customers[self.origin_customers(s)].sum()
            days = self.res("sector_service_lost")[:, s] / c
            if not self.per_day[s]:
                days = days / 24.0
            return days / 10.0 if comp.endswith("_10d") else days
        if comp == "out_fraction_origin_customers":
            return self.res("sector_out")[:, s] / len(self.origin_customers(s))
        if comp == "out_fraction_sector":
            return self.res("sector_out")[:, s] / np.count_nonzero(self.op_sector == s)
        if comp == "compromised_fraction_origin_customers":
            return self.res("operators_compromised") / len(self.origin_customers())
        if comp == "amplification":
            msps = self.res("suppliers_compromised").astype(float) - len(self.origins)
            ops = self.res("operators_compromised").astype(float)
            keep = msps > 0
            return ops[keep] / msps[keep]
        raise SystemExit(f"retrodict: unknown computation {comp!r}")


def fmt(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    x = float(x)
    if x == 0:
        return "0"
    a = abs(x)
    if a >= 1e5 or a < 1e-3:
        return f"{x:.3g}"
    if a >= 100:
        return f"{x:.0f}"
    if a >= 1:
        return f"{x:.3g}"
    return f"{x:.3g}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sectorsim")
    ap.add_argument("source_dir")
    ap.add_argument("--trials", type=int, default=None, help="override every scenario's trials")
    ap.add_argument("--only", nargs="*", default=None, help="run only these scenarios")
    ap.add_argument("--markdown", default=None, help="also write the table in Markdown here")
    ap.add_argument("--keep", default=None, help="keep the results files in this directory")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--network", default=None,
                    help="run on this network directory instead of the scenarios' (fitting)")
    args = ap.parse_args()

    hist = os.path.join(args.source_dir, HIST)
    targets = read_csv(os.path.join(hist, "targets.csv"))
    checks = read_csv(os.path.join(hist, "checks.csv"))
    key = lambda r: (r["incident"], r["sector"], r["metric"])
    ck = {}
    for c in checks:
        if key(c) in ck:
            raise SystemExit(f"retrodict: checks.csv: {key(c)} twice")
        if c["status"] not in ("check", "known_miss", "not_checked"):
            raise SystemExit(f"retrodict: checks.csv: {key(c)}: bad status {c['status']!r}")
        if c["status"] != "check" and not c["reason"].strip():
            raise SystemExit(f"retrodict: checks.csv: {key(c)}: a {c['status']} row needs a reason")
        ck[key(c)] = c
    tk = {key(t) for t in targets}
    missing = [k for k in tk if k not in ck]
    extra = [k for k in ck if k not in tk]
    if missing or extra:
        raise SystemExit(f"retrodict: checks.csv and targets.csv differ: missing {missing}, extra {extra}")

    scenarios = []
    for c in checks:
        if c["scenario"] and c["status"] != "not_checked" and c["scenario"] not in scenarios:
            scenarios.append(c["scenario"])
    if args.only:
        scenarios = [s for s in scenarios if s in args.only]

    tmp = tempfile.TemporaryDirectory(prefix="retrodict.")
    outdir = args.keep or tmp.name
    os.makedirs(outdir, exist_ok=True)
    runs = {}
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    for name in scenarios:
        yaml = os.path.join(hist, name + ".yaml")
        out = os.path.join(outdir, name + ".h5")
        cmd = [args.sectorsim, "run", yaml, "-o", out, "--quiet", "--threads", str(args.threads)]
        if args.trials:
            cmd += ["--trials", str(args.trials)]
        if args.network:
            cmd += ["--network", args.network]
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        if p.returncode != 0:
            sys.stderr.write(p.stderr.decode(errors="replace"))
            raise SystemExit(f"retrodict: {name}: sectorsim run failed (exit {p.returncode})")
        runs[name] = Run(out)

    rows = []
    failures = 0
    for t in targets:
        c = ck[key(t)]
        lo, hi, val = float(t["public_low"]), float(t["public_high"]), float(t["public_value"])
        row = {
            "incident": t["incident"], "sector": t["sector"], "metric": t["metric"],
            "public": f"{fmt(lo)}-{fmt(hi)} ({fmt(val)})", "unit": t["unit"],
            "set": t["train_or_holdout"], "status": c["status"], "reason": c["reason"],
            "scenario": c["scenario"], "sim": "-", "inside": "-", "covered": "-",
        }
        if c["status"] != "not_checked" and c["scenario"] in runs:
            x = np.asarray(runs[c["scenario"]].compute(c["computation"], t["sector"]), float)
            x = x[np.isfinite(x)]
            if len(x) == 0:
                row["sim"] = "no trials"
                ok_in = ok_cov = False
            else:
                q05, med, q95 = np.percentile(x, [5, 50, 95])
                row["sim"] = f"{fmt(med)} [{fmt(q05)}, {fmt(q95)}]"
                # rounding tolerance 0.01 % (float32 time series, fractions of 1/n)
                eps = 1e-4 * max(abs(hi), abs(lo), abs(val))
                ok_in = lo - eps <= med <= hi + eps
                ok_cov = q05 - eps <= val <= q95 + eps
            row["inside"] = "yes" if ok_in else "NO"
            row["covered"] = "yes" if ok_cov else "NO"
            if c["status"] == "check" and not (ok_in and ok_cov):
                failures += 1
                row["status"] = "check FAILED"
        elif c["status"] != "not_checked":
            row["status"] = "skipped (--only)"
        rows.append(row)

    print_table(rows)
    if args.markdown:
        write_markdown(rows, args.markdown)
    n_check = sum(1 for r in rows if r["status"].startswith("check"))
    print(f"\n{n_check} checked rows, {failures} failed; "
          f"{sum(1 for r in rows if r['status'] == 'known_miss')} known misses; "
          f"{sum(1 for r in rows if r['status'] == 'not_checked')} not checked")
    return 1 if failures else 0


COLS = [("incident", "incident"), ("metric", "metric"), ("public", "public range (value)"),
        ("sim", "simulated median [5 %, 95 %]"), ("inside", "inside?"),
        ("covered", "covered?"), ("set", "train/holdout"), ("status", "status")]


def metric_label(r):
    return r["metric"] if r["sector"] == "all" else f"{r['sector']} {r['metric']}"


def print_table(rows):
    data = [[metric_label(r) if k == "metric" else r[k] for k, _ in COLS] for r in rows]
    w = [max(len(h), *(len(d[i]) for d in data)) for i, (_, h) in enumerate(COLS)]
    line = " | ".join(h.ljust(w[i]) for i, (_, h) in enumerate(COLS))
    print(line)
    print("-+-".join("-" * x for x in w))
    for d in data:
        print(" | ".join(d[i].ljust(w[i]) for i in range(len(COLS))))


def write_markdown(rows, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("| incident | metric | unit | public range (value) | simulated median [5 %, 95 %] "
                "| inside? | covered? | train/holdout | status |\n")
        f.write("|---|---|---|---|---|---|---|---|---|\n")
        for r in rows:
            st = r["status"].replace("_", " ")
            if r["status"] in ("known_miss", "not_checked"):
                st += ": " + r["reason"].replace("|", "/")
            f.write(f"| {r['incident']} | {metric_label(r)} | {r['unit']} | {r['public']} | "
                    f"{r['sim']} | {r['inside']} | {r['covered']} | {r['set']} | {st} |\n")


if __name__ == "__main__":
    sys.exit(main())
