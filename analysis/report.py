#!/usr/bin/python3
"""sectorsim report: one self-contained HTML page with charts from a results file.

Usage: report.py OUT.h5 DIR [--criticality FILE.csv] [--population FILE.csv]

Reads only the HDF5 layout of docs/output.md (and, optionally, a criticality CSV
from `sectorsim criticality` and the prefecture population table of the Japan
fact data).  Writes DIR/index.html (every chart inlined as SVG, no external
URLs) and DIR/charts/<name>.png and .svg.  Exit 0 ok, 2 bad input, 4 I/O error.

Honest units (issue 19): nothing is added across sectors.  Each sector's lost
service is shown in its own unit (/network/sector_service_unit); the national
figures are people affected (person-hours, each resident counted once, with the
overlap bounds) and the value of the lost service in yen (loss_yen, with the
yen weights per sector shown).  Results are conditional on the incident.

A risk file (`sectorsim risk`, file_kind "risk") is rendered by report_risk.py
as its own page, per simulated year; this page is for run and compare files.
"""
import argparse
import csv
import html
import io
import math
import os
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

try:
    import h5py  # noqa: E402
except ImportError:  # pragma: no cover
    sys.exit("sectorsim report: python3-h5py is missing (apt-get install python3-h5py)")

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_POPULATION = os.path.join(HERE, "..", "scenarios", "data", "japan", "facts", "prefectures.csv")

# One colour per sector code (tab20 order, stable across charts).
SECTOR_COLOURS = ["#1f77b4", "#ff7f0e", "#8c564b", "#17becf", "#2ca02c", "#d62728", "#9467bd",
                  "#e377c2", "#7f7f7f", "#bcbd22", "#1a9850", "#4d4d4d", "#f781bf"] * 2
ACCENT = "#1f4e79"
plt.rcParams.update({
    "font.size": 10, "axes.titlesize": 12, "axes.titleweight": "bold", "axes.labelsize": 10,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
    "legend.fontsize": 8, "legend.frameon": False, "svg.fonttype": "path", "svg.hashsalt": "sectorsim",
    "figure.dpi": 100,
})

# Tile map of Japan: JIS code -> (column, row), approximating geography.
TILES = {
    1: (11, 0), 2: (10, 1), 5: (9, 2), 3: (10, 2), 6: (9, 3), 4: (10, 3),
    17: (6, 4), 16: (7, 4), 15: (8, 4), 7: (9, 4),
    32: (1, 5), 31: (2, 5), 28: (3, 5), 26: (4, 5), 18: (5, 5), 21: (6, 5), 20: (7, 5), 10: (8, 5), 9: (9, 5),
    35: (0, 6), 34: (1, 6), 33: (2, 6), 27: (3, 6), 25: (4, 6), 24: (5, 6), 23: (6, 6), 19: (7, 6), 11: (8, 6), 8: (9, 6),
    41: (0, 7), 40: (1, 7), 38: (2, 7), 37: (3, 7), 30: (4, 7), 29: (5, 7), 22: (6, 7), 14: (7, 7), 13: (8, 7), 12: (9, 7),
    42: (0, 8), 43: (1, 8), 44: (2, 8), 39: (3, 8), 36: (4, 8),
    46: (0, 9), 45: (1, 9), 47: (0, 10.6),
}
assert sorted(TILES) == list(range(1, 48)) and len(set(TILES.values())) == 47  # noqa


class BadInput(Exception):
    pass


def human(x):
    """12,345,678 -> '12.3 M'."""
    if x is None or not np.isfinite(x):
        return "–"
    for div, suf in ((1e12, " T"), (1e9, " G"), (1e6, " M"), (1e3, " k")):
        if abs(x) >= div:
            return f"{x / div:.3g}{suf}"
    return f"{x:.3g}"


def full(x):
    return "–" if x is None or not np.isfinite(x) else f"{x:,.0f}"


def strings(ds):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in ds[()]]


def load(path):
    """Everything the report shows, as plain numpy arrays and dicts."""
    if not os.path.isfile(path):
        raise BadInput(f"{path}: no such file")
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise BadInput(f"{path}: not an HDF5 file ({e})")
    with f:
        if f.attrs.get("software") not in ("sectorsim", b"sectorsim") or "summary" not in f:
            raise BadInput(f"{path}: not a sectorsim results file")
        s = f["summary"]
        a = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
        d = {"attrs": a, "path": path}
        for k in s:
            if isinstance(s[k], h5py.Dataset):
                d[k] = strings(s[k]) if s[k].dtype.kind in "OS" else s[k][()]
        if "people_mean" not in d:
            raise BadInput(f"{path}: no /summary/people_mean (a results file from before the "
                           "person-hours count of issue 19; rerun it)")
        for key, name in (("trial_people", "people_hours"), ("trial_people_low", "people_hours_low"),
                          ("trial_people_high", "people_hours_high"), ("trial_yen", "loss_yen")):
            d[key] = f["results/" + name][()] if "results/" + name in f else None
        # the sector table of the network: units and weights, along the same sector axis
        S = len(d.get("sector_name", []))
        n = f["network"] if "network" in f else {}
        for key, default in (("sector_service_unit", "customer-hours"), ("sector_customer_unit", "customers")):
            d[key] = strings(n[key])[:S] if key in n else [default] * S
        for key, default in (("sector_yen_per_unit", 0.0), ("sector_people_per_customer", 1.0),
                             ("sector_per_day", 0)):
            d[key] = np.asarray(n[key][()], dtype=float)[:S] if key in n else np.full(S, default)
        d["compare"] = {k: (strings(v) if v.dtype.kind in "OS" else v[()])
                        for k, v in f["compare"].items() if isinstance(v, h5py.Dataset)} if "compare" in f else None
        if "provenance" in f:
            d["created"] = f["provenance"].attrs.get("created_utc", b"")
            if isinstance(d["created"], bytes):
                d["created"] = d["created"].decode()
    return d


def load_population(path):
    if not path or not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8-sig") as fh:
        return {int(r["code"]): float(r["pop2020"]) for r in csv.DictReader(fh)}


def load_criticality(path):
    if not path:
        return None
    if not os.path.isfile(path):
        raise BadInput(f"--criticality {path}: no such file")
    with open(path, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    if rows and "sim_mean_person_h" not in rows[0]:
        raise BadInput(f"--criticality {path}: not a `sectorsim criticality` CSV (no sim_mean_person_h)")
    return rows


# ------------------------------------------------------------------ charts

def write_file(path, data):
    """Write bytes to path through a temporary created exclusively beside it
    (tempfile.mkstemp: O_EXCL, an unpredictable name, mode 0600), renamed over
    path: a symlink or file planted at path or at any predictable name is
    never followed or truncated, and path is replaced whole (issue 18)."""
    folder, base = os.path.split(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{base}.", dir=folder or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            mask = os.umask(0)
            os.umask(mask)
            os.fchmod(fh.fileno(), 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise


def save(fig, name, outdir, charts):
    """Write charts/NAME.png and .svg; keep the SVG text for inlining."""
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=110, bbox_inches="tight")
    write_file(os.path.join(outdir, "charts", name + ".png"), png.getvalue())
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    write_file(os.path.join(outdir, "charts", name + ".svg"), buf.getvalue().encode("utf-8"))
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    charts.append((name, svg))


def exceedance_points(values, summary_values, d):
    """(values, probabilities) of one national quantity's curve: empirical from
    the per-trial rows when present, else the summary's exceedance points."""
    if values is not None and len(values) > 1:
        v = np.sort(np.asarray(values, dtype=float))[::-1]
        return v, np.arange(1, len(v) + 1) / len(v)
    if summary_values is None:
        return None, None
    return np.asarray(summary_values, dtype=float), np.asarray(d["exceedance_probability"], dtype=float)


def has_yen(d):
    return bool(np.any(np.asarray(d["sector_yen_per_unit"]) > 0))


def exceedance_axis(ax, v, p, xlabel):
    ax.set_yscale("log")
    pos = v[v > 0]
    if len(pos) and pos.max() > 10 * max(pos.min(), 1):
        ax.set_xscale("log")
    ax.set_ylim(p.min() * 0.8, 1.05)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("probability of exceeding")
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: human(x)))


def chart_exceedance(d, outdir, charts):
    """Per incident: person-hours affected (estimate and its overlap bounds), and
    the value of the lost service in yen when the network weighs it."""
    yen = has_yen(d)
    fig, axes = plt.subplots(1, 2 if yen else 1, figsize=(12 if yen else 8, 4.6), squeeze=False)
    ax = axes[0][0]
    v, p = exceedance_points(d["trial_people"], d.get("people_exceedance"), d)
    for key, label, style in (("trial_people_high", "upper bound: no overlap (sum, capped at the population)",
                               dict(color="#c0392b", lw=1.1, ls="--")),
                              ("trial_people_low", "lower bound: complete overlap (largest sector)",
                               dict(color="#2c7fb8", lw=1.1, ls="--"))):
        bv, bp = exceedance_points(d[key], None, d)
        if bv is not None:
            ax.step(bv, bp, where="post", label=label, **style)
    ax.step(v, p, where="post", color="black", lw=2.2, label="estimate: sectors independent")
    exceedance_axis(ax, v, p, "person-hours affected per incident (each resident counted once)")
    ax.set_title("People affected: exceedance per incident")
    ax.legend(loc="upper right", fontsize=7)
    if yen:
        bx = axes[0][1]
        v, p = exceedance_points(d["trial_yen"], d.get("yen_exceedance"), d)
        bx.step(v, p, where="post", color=ACCENT, lw=2.2)
        exceedance_axis(bx, v, p, "value of the lost service per incident (JPY)")
        bx.set_title("Value of lost service: exceedance per incident")
    fig.tight_layout()
    save(fig, "exceedance", outdir, charts)


def chart_timeseries(d, outdir, charts):
    if "ts_p50" not in d:
        return
    t, names = d["time"], d["sector_name"]
    # every sector with customers out, in sector order: their units differ, so no ranking
    active = [i for i in range(len(names)) if d["ts_p95"][:, i].max() > 0 or d["ts_mean"][:, i].max() > 0]
    if not active:
        active = [0]
    ncol = 4 if len(active) > 6 else 3 if len(active) > 4 else len(active)
    nrow = math.ceil(len(active) / ncol)
    fig, axes = plt.subplots(nrow, ncol, figsize=(3.4 * ncol, 2.5 * nrow + 0.6), squeeze=False, sharex=True)
    for ax, i in zip(axes.flat, active):
        c = SECTOR_COLOURS[i % len(SECTOR_COLOURS)]
        ax.fill_between(t, d["ts_p05"][:, i], d["ts_p95"][:, i], step="post", color=c, alpha=0.25,
                        label="5–95%")
        ax.step(t, d["ts_p50"][:, i], where="post", color=c, lw=1.8, label="median")
        ax.step(t, d["ts_mean"][:, i], where="post", color="black", lw=0.8, ls="--", label="mean")
        ax.set_title(names[i], fontsize=10)
        ax.set_ylabel(d["sector_customer_unit"][i] + " out", fontsize=8)
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: human(x)))
    for ax in list(axes.flat)[len(active):]:
        ax.set_visible(False)
    for ax in axes[-1]:
        ax.set_xlabel("hours from the compromise")
    axes[0][0].legend(loc="upper right")
    fig.suptitle("Customers without service over time, each sector in its own customer unit "
                 "(median and 5–95% band over trials)", fontweight="bold", fontsize=12)
    fig.tight_layout()
    save(fig, "timeseries", outdir, charts)


def chart_prefectures(d, pop, outdir, charts):
    codes = [int(c) for c in d["prefecture"]]
    names = d["prefecture_name"]
    mean = np.asarray(d["prefecture_mean"], dtype=float)
    if pop:
        value = np.array([mean[k] / pop[c] if pop.get(c) else 0 for k, c in enumerate(codes)])
        label = "expected hours affected per resident (person-hours / residents)"
    else:
        value, label = mean, "expected person-hours affected (person h)"
    fig = plt.figure(figsize=(11, 5.2))
    ax = fig.add_axes([0.0, 0.05, 0.5, 0.85])
    vmax = value.max() if value.max() > 0 else 1
    cmap = plt.get_cmap("YlOrRd")
    norm = matplotlib.colors.Normalize(0, vmax)
    for k, c in enumerate(codes):
        if c not in TILES:
            continue
        x, y = TILES[c]
        colour = cmap(norm(value[k])) if value[k] > 0 else "#eeeeee"
        ax.add_patch(matplotlib.patches.Rectangle((x, -y), 0.94, 0.94, color=colour, lw=0))
        ax.text(x + 0.47, -y + 0.47, names[k][:5], ha="center", va="center", fontsize=6,
                color="white" if norm(value[k]) > 0.6 else "#333333")
    ax.set_xlim(-0.3, 12.3)
    ax.set_ylim(-11.3, 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("People affected by prefecture of residence (tile map)")
    cax = fig.add_axes([0.2, 0.12, 0.22, 0.03])
    cax.grid(False)
    cb = fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap), cax=cax, orientation="horizontal")
    cb.set_label(label, fontsize=8)
    cb.ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: human(x)))
    bx = fig.add_axes([0.62, 0.1, 0.36, 0.78])
    order = [k for k in np.argsort(-value) if value[k] > 0][:15][::-1]
    bx.barh([names[k] for k in order], [value[k] for k in order], color=[cmap(norm(value[k])) for k in order])
    bx.set_xlabel(label.split(" (")[0])
    bx.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: human(x)))
    bx.set_title("Most affected prefectures")
    bx.grid(axis="y", visible=False)
    save(fig, "prefectures", outdir, charts)


def chart_frontier(d, outdir, charts):
    """Regulation options of `sectorsim compare`: expected loss and CVaR against burden."""
    c = d["compare"]
    if not c or "option_name" not in c or "expected_people_hours" not in c or "burden" not in c:
        return
    names = c["option_name"]
    mean = np.asarray(c["expected_people_hours"], float)
    burden = np.asarray(c["burden"], float)
    front = np.asarray(c.get("frontier", np.zeros(len(names))), bool)
    fig, ax = plt.subplots(figsize=(8, 4.8))
    if "reduction_ci_low" in c and "reduction_ci_high" in c:
        # CI of the option's mean from the paired reduction: mean = baseline - reduction
        err = np.vstack([np.asarray(c["reduction_ci_high"]) - np.asarray(c["reduction_mean"]),
                         np.asarray(c["reduction_mean"]) - np.asarray(c["reduction_ci_low"])])
        ax.errorbar(burden, mean, yerr=np.clip(err, 0, None), fmt="none", ecolor="#888888", capsize=3)
    ax.scatter(burden[~front], mean[~front], s=45, color="#9aa7b4", zorder=3, label="option")
    ax.scatter(burden[front], mean[front], s=60, color=ACCENT, zorder=4, label="on the frontier")
    if "people_hours_cvar95" in c:
        ax.scatter(burden, c["people_hours_cvar95"], s=25, marker="^", color="#c0392b", zorder=3,
                   label="CVaR 95% (tail)")
    order = np.argsort(burden[front])
    ax.plot(burden[front][order], mean[front][order], color=ACCENT, lw=1.2, ls="--")
    labels = {}
    for x, y, n in zip(burden, mean, names):  # options on the same point share one label
        labels.setdefault((x, y), []).append(n)
    for (x, y), ns in labels.items():
        ax.annotate(", ".join(ns), (x, y), textcoords="offset points", xytext=(5, 5), fontsize=8)
    ax.set_xlabel("burden of the option (JPY per year)")
    ax.set_ylabel("expected person-hours affected per incident")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: human(x)))
    ax.set_title("Regulation options: risk against burden")
    ax.legend(loc="upper right")
    save(fig, "frontier", outdir, charts)


def chart_criticality(rows, outdir, charts):
    if not rows:
        return
    top = sorted(rows, key=lambda r: -float(r["sim_mean_person_h"]))[:15][::-1]
    labels = [f"{r['supplier_id']} ({r['country']})" for r in top]
    mean = [float(r["sim_mean_person_h"]) for r in top]
    cvar = [float(r["sim_cvar95_person_h"]) for r in top]
    reach = [int(float(r["reach_operators"])) for r in top]
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(11, 0.35 * len(top) + 1.6), sharey=True,
                                 gridspec_kw={"width_ratios": [3, 1.3]})
    y = np.arange(len(top))
    ax.barh(y - 0.2, mean, 0.4, color=ACCENT, label="expected")
    ax.barh(y + 0.2, cvar, 0.4, color="#e67e22", label="CVaR 95% (tail)")
    ax.set_yticks(y, labels)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: human(x)))
    ax.set_xlabel("person-hours affected when this supplier is the origin (each resident once)")
    ax.set_title("Supplier criticality: simulated impact")
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    bx.barh(y, reach, color="#7f8c8d")
    bx.set_xlabel("operators reached (direct + transitive)")
    bx.set_title("Structural reach")
    bx.grid(axis="y", visible=False)
    fig.tight_layout()
    save(fig, "criticality", outdir, charts)


# -------------------------------------------------------------------- page

CSS = """
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0;background:#f5f6f8;color:#222}
header{background:#1f4e79;color:white;padding:18px 32px}
header h1{margin:0;font-size:22px} header p{margin:4px 0 0;opacity:.85;font-size:13px}
main{max-width:1180px;margin:0 auto;padding:20px 32px}
.cards{display:flex;gap:14px;flex-wrap:wrap;margin-bottom:18px}
.card{background:white;border-radius:8px;padding:12px 16px;box-shadow:0 1px 3px rgba(0,0,0,.12);min-width:200px}
.card .v{font-size:22px;font-weight:bold;color:#1f4e79}.card .l{font-size:12px;color:#555}
figure{background:white;border-radius:8px;margin:0 0 18px;padding:12px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
figure svg{width:100%;max-width:1000px;height:auto;display:block;margin:auto} figcaption{font-size:12px;color:#555;margin-top:6px}
table{border-collapse:collapse;background:white;font-size:13px;margin-bottom:18px}
td,th{padding:4px 10px;border-bottom:1px solid #e3e3e3;text-align:right;white-space:nowrap} th{background:#eef2f7}
td:first-child,th:first-child{text-align:left}
"""

CAPTIONS = {
    "exceedance": "Probability that one incident affects more than the value on the x axis, in "
                  "person-hours (each resident counted once; black: the estimate with sectors "
                  "independent, dashed: the bounds of complete and of no overlap)"
                  " and, where the network gives yen weights, in yen of lost service.",
    "timeseries": "Customers without service at each output step, each sector in its own customer unit "
                  "(never added across sectors): median (line), 5–95% band over trials, mean (dashed).",
    "prefectures": "Expected person-hours affected by prefecture of residence, per resident; tile map: "
                   "one square per prefecture, placed roughly where it lies; colour as in the bar chart.",
    "frontier": "Each regulation option's expected person-hours affected per incident (95% CI from the "
                "paired reduction) and CVaR 95% against its yearly burden; dashed: the frontier (no "
                "option is both cheaper and safer).",
    "criticality": "Suppliers ranked by simulated person-hours affected when each is the only origin "
                   "(common random numbers).",
}


def cards(d):
    items = [
        (full(d["people_mean"]), f"expected person-hours affected per incident (95% CI {human(d['people_ci_low'])} – "
                                 f"{human(d['people_ci_high'])}; bounds {human(d.get('people_low_mean'))} – "
                                 f"{human(d.get('people_high_mean'))})"),
        (full(d["people_cvar95"]), "CVaR 95%: person-hours affected, mean of the worst 5% of trials"),
        (full(d["peak_mean"]), "mean peak people affected at once"),
    ]
    if has_yen(d):
        items.append((f"¥{human(d['yen_mean'])}", f"expected value of the lost service (95% CI "
                                                  f"¥{human(d['yen_ci_low'])} – ¥{human(d['yen_ci_high'])})"))
    else:
        items.append(("–", "value of the lost service: no yen weights in this network (sectors.csv)"))
    items.append((f"{100 * float(d.get('p_multi_sector', float('nan'))):.1f}%",
                  "trials with two or more sectors out at once"))
    q = list(np.round(d["quantile"], 6))
    if "detection_quantile" in d and 0.5 in q:
        items.append((f"{float(d['detection_quantile'][q.index(0.5)]):.3g} h",
                      "median time to detection (first revocation of a bad release)"))
    if "economic_loss_mean" in d:
        items.append((f"¥{human(d['economic_loss_mean'])}", "expected economic loss (input-output model)"))
    return "".join(f'<div class="card"><div class="v">{html.escape(v)}</div><div class="l">{html.escape(l)}</div></div>'
                   for v, l in items)


def sector_table(d):
    """One row per sector in sector order, each in its own unit: no column is
    comparable across rows, so there is no ranking and no total."""
    q = list(np.round(d["quantile"], 6))
    i95 = q.index(0.95) if 0.95 in q else None
    rows = []
    for i in range(len(d["sector_name"])):
        p95 = full(d["sector_quantile"][i][i95]) if i95 is not None else "–"
        rows.append(f"<tr><td>{html.escape(d['sector_name'][i])}</td>"
                    f"<td>{html.escape(d['sector_service_unit'][i])}</td><td>{full(d['sector_mean'][i])}</td>"
                    f"<td>{full(d['sector_ci_low'][i])} – {full(d['sector_ci_high'][i])}</td>"
                    f"<td>{d['sector_p_nonzero'][i]:.3f}</td><td>{p95}</td><td>{full(d['sector_cvar95'][i])}</td></tr>")
    return ("<table><tr><th>sector</th><th>unit of lost service</th><th>mean</th><th>95% CI</th>"
            "<th>P(&gt;0)</th><th>p95</th><th>CVaR 95%</th></tr>" + "".join(rows) + "</table>")


def weights_table(d):
    """The yen weights and the people count per sector (/network)."""
    rows = []
    for i in range(len(d["sector_name"])):
        per_day = "yes" if d["sector_per_day"][i] > 0 else ""
        rows.append(f"<tr><td>{html.escape(d['sector_name'][i])}</td>"
                    f"<td>{html.escape(d['sector_customer_unit'][i])}</td><td>{per_day}</td>"
                    f"<td>{html.escape(d['sector_service_unit'][i])}</td>"
                    f"<td>{d['sector_yen_per_unit'][i]:,.6g}</td>"
                    f"<td>{d['sector_people_per_customer'][i]:,.6g}</td></tr>")
    return ("<p>A sector whose customers are a rate per day loses customers &times; loss &times; hours / 24 "
            "units of service. Residents per customer unit: how many people one customer unit out "
            "affects (0: the sector does not count towards people).</p>"
            "<table><tr><th>sector</th><th>customers counted in</th><th>rate per day</th><th>lost service in</th>"
            "<th>yen per unit of lost service</th><th>residents per customer unit</th></tr>"
            + "".join(rows) + "</table>")


def compare_table(d):
    c = d["compare"]
    if not c or "option_name" not in c or "expected_people_hours" not in c:
        return ""
    yen = "reduction_yen_mean" in c and has_yen(d)
    rows = []
    for k, name in enumerate(c["option_name"]):
        red = (f"{full(c['reduction_mean'][k])} ({full(c['reduction_ci_low'][k])} – "
               f"{full(c['reduction_ci_high'][k])})") if "reduction_mean" in c else "–"
        ry = (f"<td>{full(c['reduction_yen_mean'][k])} ({full(c['reduction_yen_ci_low'][k])} – "
              f"{full(c['reduction_yen_ci_high'][k])})</td>") if yen else ""
        rows.append(f"<tr><td>{html.escape(name)}</td><td>{full(c['expected_people_hours'][k])}</td>"
                    f"<td>{red}</td>{ry}<td>{full(c['burden'][k]) if 'burden' in c else '–'}</td>"
                    f"<td>{'yes' if 'frontier' in c and c['frontier'][k] else ''}</td></tr>")
    return ("<h2>Regulation options</h2><p>Option 0 is the baseline; reductions are baseline − option, "
            "paired over the same incidents (95% CI).</p><table><tr><th>option</th>"
            "<th>expected person-hours affected</th><th>reduction, person-hours (95% CI)</th>"
            + ("<th>reduction, yen (95% CI)</th>" if yen else "")
            + "<th>burden, yen per year</th><th>frontier</th></tr>" + "".join(rows) + "</table>")


RULES = (
    "<p><b>Conditional on the incident.</b> Every trial is one occurrence of the scenario's incident; "
    "the figures are consequences of one incident, not a risk per year.</p>"
    "<p><b>People affected</b> (person-hours): each resident is counted at most once per hour, whatever "
    "number of sectors fails them. An operator's customers live in its service area; each customer unit "
    "stands for a number of residents (the weights table below). In each prefecture the sectors are taken "
    "as independent: with N residents and r<sub>s</sub> of them out in sector s, N&nbsp;(1&nbsp;&minus;&nbsp;"
    "&prod;<sub>s</sub>(1&nbsp;&minus;&nbsp;r<sub>s</sub>/N)) are affected. The lower bound assumes complete "
    "overlap (the largest sector alone), the upper bound no overlap (the sum over sectors, capped at the "
    "population).</p>"
    "<p><b>Value of the lost service</b> (yen): each sector's lost service, in its own unit, times the "
    "sector's yen per unit (the weights table), summed; the only total across sectors besides people. "
    "Per-sector figures are never added across sectors: each is in its own unit.</p>"
)


def page(d, charts):
    a = d["attrs"]
    prov = (f"model {html.escape(str(a.get('model', '')))}, "
            f"{int(a.get('n_trials', 0)):,} trials, seed {a.get('seed', '')}, sectorsim {a.get('version', '')} "
            f"(git {a.get('git_revision', '')}), file {html.escape(os.path.basename(d['path']))}"
            + (f", created {html.escape(d['created'])}" if d.get("created") else ""))
    figs = "".join(f'<figure id="chart-{n}" class="chart">{svg}<figcaption>{html.escape(CAPTIONS.get(n, ""))} '
                   f'(<a href="charts/{n}.png">PNG</a>, <a href="charts/{n}.svg">SVG</a>)</figcaption></figure>'
                   for n, svg in charts)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>sectorsim report: '
            f'{html.escape(str(a.get("title", "")))}</title><style>{CSS}</style></head><body>'
            f'<header><h1>{html.escape(str(a.get("title", "sectorsim report")))}</h1><p>{prov}</p></header>'
            f'<main><div class="cards">{cards(d)}</div>{RULES}'
            f'<h2>Lost service by sector, each in its own unit (per incident)</h2>{sector_table(d)}'
            f'<h2>Yen weights and people per customer, by sector</h2>{weights_table(d)}'
            f'{compare_table(d)}<h2>Charts</h2>{figs}</main></body></html>\n')


def main(argv):
    ap = argparse.ArgumentParser(prog="sectorsim report", description=__doc__.splitlines()[0])
    ap.add_argument("h5")
    ap.add_argument("-o", "--output", required=True, metavar="DIR")
    ap.add_argument("--criticality", metavar="FILE.csv")
    ap.add_argument("--population", metavar="FILE.csv", default=DEFAULT_POPULATION,
                    help="prefecture population table (code, pop2020)")
    args = ap.parse_args(argv)
    import report_risk  # a risk file (`sectorsim risk`) gets its own page
    if report_risk.file_kind(args.h5) == "risk":
        return report_risk.main(args)
    try:
        d = load(args.h5)
        crit = load_criticality(args.criticality)
    except BadInput as e:
        print(f"sectorsim report: {e}", file=sys.stderr)
        return 2
    try:
        os.makedirs(os.path.join(args.output, "charts"), exist_ok=True)
        charts = []
        chart_exceedance(d, args.output, charts)
        chart_timeseries(d, args.output, charts)
        chart_prefectures(d, load_population(args.population), args.output, charts)
        chart_frontier(d, args.output, charts)
        chart_criticality(crit, args.output, charts)
        write_file(os.path.join(args.output, "index.html"), page(d, charts).encode("utf-8"))
    except OSError as e:
        print(f"sectorsim report: {args.output}: {e}", file=sys.stderr)
        return 4
    print(f"wrote {os.path.join(args.output, 'index.html')} ({len(charts)} charts: "
          f"{', '.join(n for n, _ in charts)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
