"""sectorsim report of a risk file (`sectorsim risk`, root attribute file_kind = "risk").

report.py hands a risk file here; run and compare files never come here, so
their page is unchanged.  Reads /risk and /provenance (engine/io/h5risk.c) and,
when it can still be found unchanged, the network's sectors.csv named in
/provenance (for the confidence of the yen weights).  Writes DIR/index.html and
DIR/charts/risk_*.png and .svg (the names are listed in cli/cmd_report.c).

Units: every figure is per simulated year.  Metric 0 is the value of the lost
service in yen, metric 1 person-hours affected (each resident counted once),
metrics 2.. each sector's lost service in its own unit (/risk/metric_units);
sectors are never added together.  Yen figures rest on the network's
value-of-service weights and the options' burden parameters, both low
confidence: the page says so next to every yen total.
"""
import csv
import hashlib
import html
import os

import report as common  # shared helpers (number formats, chart saving, atomic writes, CSS); sets Agg

import h5py  # noqa: E402
import matplotlib  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

YEN, PEOPLE, FIRST_SECTOR = 0, 1, 2  # metric axis of /risk
OPTION_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                  "#7f7f7f", "#bcbd22", "#17becf"]
OPTION_STYLES = ["-", "--", "-.", ":"]
OPTION_MARKERS = ["o", "s", "^", "v", "D", "P", "X", "<", ">", "h"]


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def file_kind(path):
    """The root attribute file_kind, or None when the file cannot be read (load()
    of report.py then says why)."""
    try:
        with h5py.File(path, "r") as f:
            return text(f.attrs.get("file_kind", b""))
    except OSError:
        return None


# ------------------------------------------------------------------ input

# what the page reads, by dimensions (o option, c class, m metric, r return
# period, s sector, k category); the options' datasets only when there are options
SHAPES = {"aal": "om", "aal_ci_low": "om", "aal_ci_high": "om", "aal_replicate_p05": "om",
          "aal_replicate_p95": "om", "tail_mean_100": "om", "aep": "orm", "oep": "orm",
          "class_aal": "ocm", "class_tail_100": "ocm"}
OPTION_SHAPES = {"reduction_aal": "om", "reduction_ci_low": "om", "reduction_ci_high": "om",
                 "burden_oneoff": "o", "burden_recurring": "o", "burden_annualised": "o",
                 "net_benefit": "o", "net_benefit_ci_low": "o", "net_benefit_ci_high": "o",
                 "reduction_per_burden": "o", "reduction_per_burden_ci_low": "o",
                 "reduction_per_burden_ci_high": "o", "break_even_rate_multiplier": "o",
                 "break_even_ci_low": "o", "break_even_ci_high": "o", "p_beats": "oo", "frontier": "o",
                 "hhi": "osk"}


def check_shapes(d, path):
    """Refuse (exit 2) a file whose datasets do not fit its own axes."""
    for need in ("option_name", "class_name", "metric_name", "metric_units", "return_period"):
        if need not in d:
            raise common.BadInput(f"{path}: no /risk/{need}")
    size = {"o": len(d["option_name"]), "c": len(d["class_name"]), "m": len(d["metric_name"]),
            "r": len(d["return_period"]), "s": len(d.get("sector_name", [])),
            "k": len(d.get("category_name", []))}
    if size["m"] < FIRST_SECTOR or len(d["metric_units"]) != size["m"]:
        raise common.BadInput(f"{path}: /risk/metric_name and metric_units do not hold yen and person-hours")
    shapes = dict(SHAPES, **(OPTION_SHAPES if size["o"] > 1 else {}))
    for name, dims in shapes.items():
        want = tuple(size[x] for x in dims)
        if name not in d or np.shape(d[name]) != want:
            raise common.BadInput(f"{path}: /risk/{name} is missing or not of shape {want}")


def load(path):
    """Everything the risk page shows, as numpy arrays and plain strings."""
    with h5py.File(path, "r") as f:
        if "risk" not in f:
            raise common.BadInput(f"{path}: file_kind is risk but there is no /risk group")
        g = f["risk"]
        d = {"path": path, "attrs": {k: (text(v) if isinstance(v, bytes) else v) for k, v in f.attrs.items()}}
        for k, ds in g.items():
            per_incident = k == "incident" or k.startswith(("incident_", "year_"))  # not shown: large
            if isinstance(ds, h5py.Dataset) and ds.ndim and ds.shape[0] and not per_incident:
                d[k] = [text(v) for v in ds[()]] if ds.dtype.kind in "OS" else ds[()]
        d["incident_count"] = int(g["incident"].shape[0]) if "incident" in g else 0
        check_shapes(d, path)
        prov = {}
        if "provenance" in f:
            p = f["provenance"]
            prov = {k: (text(v) if isinstance(v, bytes) else v) for k, v in p.attrs.items()}
            if "input_role" in p:
                prov["inputs"] = list(zip((text(v) for v in p["input_role"][()]),
                                          (text(v) for v in p["input_path"][()]),
                                          (text(v) for v in p["input_sha256"][()])))
        d["provenance"] = prov
    d["weights"] = load_weights(d["provenance"].get("inputs", []))
    return d


def load_weights(inputs):
    """The network's sectors.csv as the run read it: {sector: row} when the file
    is still at its recorded path with the recorded SHA-256; "none" when the
    network had no sectors.csv; else None (moved or changed since the run)."""
    for role, path, sha in inputs:
        if role != "network" or os.path.basename(path) != "sectors.csv":
            continue
        if not os.path.isfile(path):
            return None
        with open(path, "rb") as fh:
            data = fh.read()
        if hashlib.sha256(data).hexdigest() != sha:
            return None
        rows = csv.DictReader(data.decode("utf-8-sig").splitlines())
        return {r["sector"]: r for r in rows if r.get("sector")}
    return "none" if inputs else None


# ----------------------------------------------------------------- numbers

full = common.full  # 12,345,678


def small(x):
    """A ratio or multiplier: 3 significant digits; inf spelt out."""
    if x is None or np.isnan(x):
        return "–"
    if np.isinf(x):
        return "∞" if x > 0 else "−∞"
    return f"{x:.3g}"


def compact(x):
    """12,345,678 as '12.3 M', the exact value on hover (title)."""
    if x is None or not np.isfinite(x):
        return small(x)
    return f'<span title="{full(x)}">{common.human(x)}</span>'


def ci(lo, hi, fmt=full):
    return f"{fmt(lo)} – {fmt(hi)}"


def has_yen(d):
    return bool(np.any(np.asarray(d["aal"])[:, YEN] > 0))


def loss_metric(d):
    """The metric charts and rankings use: yen when the network weighs the lost
    service, else person-hours (with no weights every yen figure is 0)."""
    return (YEN, "JPY") if has_yen(d) else (PEOPLE, "person-hours")


def options_present(d):
    return len(d["option_name"]) > 1


# ------------------------------------------------------------------ charts

def option_style(k):
    """Baseline: thick black; option k: a colour, a dash pattern and a marker."""
    if k == 0:
        return dict(color="black", lw=2.6, ls="-", marker="o", ms=5, zorder=5)
    return dict(color=OPTION_COLOURS[(k - 1) % len(OPTION_COLOURS)], lw=1.4,
                ls=OPTION_STYLES[(k - 1) % len(OPTION_STYLES)],
                marker=OPTION_MARKERS[(k - 1) % len(OPTION_MARKERS)], ms=4, zorder=3)


def money_axis(axis):
    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: common.human(x)))


def chart_exceedance(d, outdir, charts):
    """AEP and OEP against the return period, baseline and every option."""
    m, unit = loss_metric(d)
    rp = np.asarray(d["return_period"], float)
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.8), sharey=True)
    for ax, key, title in ((axes[0], "aep", "Aggregate (AEP): the year's total loss"),
                           (axes[1], "oep", "Occurrence (OEP): the year's largest incident")):
        for k, name in enumerate(d["option_name"]):
            y = np.asarray(d[key][k, :, m], float)
            ok = np.isfinite(y)
            ax.plot(rp[ok], y[ok], label=name, **option_style(k))
        ax.set_xscale("log")
        ax.set_xticks(rp, [f"{t:g}" for t in rp])
        ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        ax.set_xlabel("return period (years, log scale)")
        ax.set_title(title)
        money_axis(ax.yaxis)
    axes[0].set_ylabel(f"annual loss reached once in T years ({unit})")
    n = len(d["option_name"])
    if n > 1:
        fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center", ncol=min(n, 5),
                   bbox_to_anchor=(0.5, 0))
        fig.tight_layout(rect=(0, 0.06 + 0.045 * ((n - 1) // 5), 1, 1))
    else:
        fig.tight_layout()
    common.save(fig, "risk_exceedance", outdir, charts)


def chart_classes(d, outdir, charts):
    """Each class's share of the baseline AAL and of the 1-in-100 tail."""
    m, unit = loss_metric(d)
    names = d["class_name"]
    aal_share, tail_share = class_shares(d, m)
    y = np.arange(len(names))[::-1]
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(names) + 1.6))
    ax.barh(y + 0.2, 100 * aal_share, 0.4, color=common.ACCENT, label="share of the AAL")
    ax.barh(y - 0.2, 100 * tail_share, 0.4, color="#e67e22",
            label="share of the mean loss of the 1-in-100 worst years")
    ax.set_yticks(y, names)
    ax.set_xlabel(f"share of the baseline loss (%, of {unit})")
    ax.set_title("Incident classes: where the loss comes from")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right")
    fig.tight_layout()
    common.save(fig, "risk_classes", outdir, charts)


def chart_p_beats(d, outdir, charts):
    """P(row beats column) on net annual benefit, as a heat map."""
    p = np.asarray(d["p_beats"], float)
    names = d["option_name"]
    n = len(names)
    size = 0.55 * n + 3.2
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    im = ax.imshow(p, cmap="RdBu", vmin=0, vmax=1)
    ax.set_xticks(range(n), names, rotation=45, ha="right")
    ax.set_yticks(range(n), names)
    ax.grid(False)
    if n <= 16:
        for a in range(n):
            for b in range(n):
                ax.text(b, a, f"{p[a, b]:.2f}", ha="center", va="center", fontsize=7,
                        color="white" if abs(p[a, b] - 0.5) > 0.3 else "black")
    ax.set_xlabel("column option")
    ax.set_ylabel("row option")
    ax.set_title("P(row beats column) on net annual benefit")
    cb = fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    cb.set_label("probability (over replicates)")
    fig.tight_layout()
    common.save(fig, "risk_p_beats", outdir, charts)


def chart_net_benefit(d, outdir, charts):
    """Net benefit (95% CI) against annualised burden: one marker per option in
    the exceedance chart's colours (a legend, not labels that would overlap),
    the frontier ringed."""
    names = d["option_name"]
    burden = np.asarray(d["burden_annualised"], float)
    net = np.asarray(d["net_benefit"], float)
    lo, hi = np.asarray(d["net_benefit_ci_low"], float), np.asarray(d["net_benefit_ci_high"], float)
    front = np.asarray(d["frontier"], bool)
    fig, ax = plt.subplots(figsize=(10, 5.2))
    ax.axhline(0, color="#555555", lw=1, ls="--", label="break even: the reduction pays the burden")
    for k, name in enumerate(names):
        st = option_style(k)
        ax.errorbar(burden[k], net[k], yerr=[[max(net[k] - lo[k], 0)], [max(hi[k] - net[k], 0)]],
                    fmt=st["marker"], color=st["color"], ms=8, capsize=3, zorder=4,
                    mec="black" if front[k] else st["color"], mew=2 if front[k] else 1,
                    label=name + (" (frontier)" if front[k] else ""))
    ax.set_xlabel("annualised burden (JPY per year)")
    ax.set_ylabel("net benefit: AAL reduction − burden (JPY per year)")
    money_axis(ax.xaxis)
    money_axis(ax.yaxis)
    ax.set_title("Regulation options: net benefit against burden (black ring: on the frontier)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    fig.tight_layout()
    common.save(fig, "risk_net_benefit", outdir, charts)


# ------------------------------------------------------------------ tables

def table(headers, rows, id_=None):
    """An HTML table in a horizontally scrolling box; cells are HTML already."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    ident = f' id="{id_}"' if id_ else ""
    return f'<div class="wide"><table{ident}><tr>{head}</tr>{body}</table></div>'


def esc(s):
    return html.escape(str(s))


def class_shares(d, m):
    """(share of the baseline AAL, share of the baseline 1-in-100 tail) per class."""
    aal, tail = float(d["aal"][0, m]), float(d["tail_mean_100"][0, m])
    ca, ct = np.asarray(d["class_aal"][0, :, m], float), np.asarray(d["class_tail_100"][0, :, m], float)
    return (ca / aal if aal > 0 else np.zeros_like(ca)), (ct / tail if tail > 0 else np.zeros_like(ct))


def aal_table(d):
    rows = []
    for m, label, unit in ((YEN, "value of the lost service", "JPY per year"),
                           (PEOPLE, "people affected (each resident counted once)", "person-hours per year")):
        rows.append([esc(label), unit, full(d["aal"][0, m]),
                     ci(d["aal_ci_low"][0, m], d["aal_ci_high"][0, m]),
                     ci(d["aal_replicate_p05"][0, m], d["aal_replicate_p95"][0, m]),
                     full(d["tail_mean_100"][0, m])])
    return table(["quantity", "unit", "AAL (baseline)", "95% CI of the AAL",
                  "replicates' AAL, 5–95%", "mean of the 1-in-100 worst years"], rows, "aal")


def return_period_table(d):
    rp = np.asarray(d["return_period"], float)

    def cell(key, p, m):
        v = d[key][0, p, m]
        return "– (fewer years)" if not np.isfinite(v) else full(v)

    rows = [[f"{t:g}", f"{1 / t:.3g}", cell("aep", p, YEN), cell("oep", p, YEN),
             cell("aep", p, PEOPLE), cell("oep", p, PEOPLE)] for p, t in enumerate(rp)]
    out = table(["return period T (years)", "probability per year", "AEP (JPY)", "OEP (JPY)",
                 "AEP (person-hours)", "OEP (person-hours)"], rows, "return-periods")
    if options_present(d):
        m, unit = loss_metric(d)
        rows = [[esc(name)] + [compact(v) for v in d["aep"][k, :, m]]
                for k, name in enumerate(d["option_name"])]
        out += (f"<p>The aggregate exceedance (AEP, {unit}) of every option on the same simulated years:</p>"
                + table(["option"] + [f"AEP at {t:g} y ({unit})" for t in rp], rows, "aep-options"))
    return out


def class_table(d):
    """Rate: the mean of the replicates' drawn rates; the tail: each class's mean
    loss in the worst 1 in 100 simulated years."""
    m, unit = loss_metric(d)
    aal_share, tail_share = class_shares(d, m)
    rate = np.asarray(d.get("rate"), float) if "rate" in d else None
    counts = np.asarray(d["incidents"], float) if "incidents" in d else None
    rows = []
    for c, name in enumerate(d["class_name"]):
        rows.append([esc(name),
                     small(rate[:, c].mean()) if rate is not None else "–",
                     full(counts[:, c].sum()) if counts is not None else "–",
                     full(d["class_aal"][0, c, YEN]), f"{100 * aal_share[c]:.1f}%",
                     full(d["class_tail_100"][0, c, m]), f"{100 * tail_share[c]:.1f}%",
                     full(d["class_aal"][0, c, PEOPLE])])
    return table(["class", "rate (per year)", "incidents simulated",
                  "AAL (JPY per year)", f"share of the AAL ({unit})",
                  f"1-in-100 tail ({unit})", "share of the tail", "AAL (person-hours per year)"],
                 rows, "classes")


def sector_table(d):
    """Each sector in its own unit, in sector order: no ranking, no total."""
    names, units = d["metric_name"], d["metric_units"]
    p100 = list(np.asarray(d["return_period"], float)).index(100.0) if 100.0 in d["return_period"] else None
    rows = []
    for m in range(FIRST_SECTOR, len(names)):
        aep = d["aep"][0, p100, m] if p100 is not None else np.nan
        rows.append([esc(names[m]), esc(units[m]) + " per year", full(d["aal"][0, m]),
                     ci(d["aal_ci_low"][0, m], d["aal_ci_high"][0, m]),
                     ci(d["aal_replicate_p05"][0, m], d["aal_replicate_p95"][0, m]),
                     "–" if not np.isfinite(aep) else full(aep)])
    return table(["sector", "unit of lost service", "AAL (baseline)", "95% CI",
                  "replicates' AAL, 5–95%", "AEP at 100 years (same unit)"], rows, "sectors")


def options_table(d):
    """Compact numbers (the exact value on hover) with the 95% CI under each."""
    def with_ci(value, lo, hi, fmt=None):
        fmt = fmt or compact
        return f'{fmt(value)}<br><small>{fmt(lo)} – {fmt(hi)}</small>'

    rows = []
    for k, name in enumerate(d["option_name"]):
        base = k == 0
        rows.append([
            esc(name),
            compact(d["aal"][k, YEN]),
            "–" if base else with_ci(d["reduction_aal"][k, YEN], d["reduction_ci_low"][k, YEN],
                                     d["reduction_ci_high"][k, YEN]),
            "–" if base else with_ci(d["reduction_aal"][k, PEOPLE], d["reduction_ci_low"][k, PEOPLE],
                                     d["reduction_ci_high"][k, PEOPLE]),
            compact(d["burden_oneoff"][k]), compact(d["burden_recurring"][k]), compact(d["burden_annualised"][k]),
            "–" if base else with_ci(d["net_benefit"][k], d["net_benefit_ci_low"][k], d["net_benefit_ci_high"][k]),
            "–" if base else with_ci(d["reduction_per_burden"][k], d["reduction_per_burden_ci_low"][k],
                                     d["reduction_per_burden_ci_high"][k], small),
            "–" if base else with_ci(d["break_even_rate_multiplier"][k], d["break_even_ci_low"][k],
                                     d["break_even_ci_high"][k], small),
            "–" if base else f"{d['p_beats'][k, 0]:.3f}",
            "yes" if d["frontier"][k] else ""])
    return table(["option", "AAL (JPY per year)", "AAL reduction (JPY per year)",
                  "AAL reduction (person-hours per year)", "one-off burden (JPY)",
                  "recurring burden (JPY per year)", "annualised burden (JPY per year)",
                  "net benefit (JPY per year)", "reduction per yen of burden (JPY/JPY)",
                  "break-even rate multiplier (×)", "P(beats baseline)", "frontier"],
                 rows, "options")


def substitution_table(d):
    """For each option: the (sector, category) whose HHI rose most (as `sectorsim
    risk` prints it) and the classes whose AAL rose."""
    m, unit = loss_metric(d)
    hhi = np.asarray(d["hhi"], float)
    sectors, cats = d["sector_name"], d["category_name"]
    rows = []
    for k in range(1, len(d["option_name"])):
        rise = (hhi[k] - hhi[0]).ravel()
        best = int(np.argmax(rise))
        if rise[best] > 0:
            s, c = divmod(best, hhi.shape[2])
            conc = f"{esc(sectors[s])} / {esc(cats[c])}: {hhi[0, s, c]:.3f} → {hhi[k, s, c]:.3f}"
        else:
            conc = "no HHI rose"
        up = [(d["class_name"][c], d["class_aal"][k, c, m] - d["class_aal"][0, c, m])
              for c in range(len(d["class_name"])) if d["class_aal"][k, c, m] > d["class_aal"][0, c, m]]
        rose = ", ".join(f"{esc(n)} +{common.human(v)}" for n, v in up) or "none"
        rows.append([esc(d["option_name"][k]), conc, rose])
    return table(["option", "largest HHI rise: sector / supplier category, before → after (HHI, 0–1)",
                  f"classes whose AAL rose ({unit} per year)"], rows, "substitution")


def weights_note(d):
    """The plain statement about what yen totals rest on, with the weights'
    confidence when the network's sectors.csv can still be read."""
    w = d["weights"]
    msg = ("<p><b>Yen totals rest on low-confidence assumptions.</b> The value of the lost service "
           "(JPY) is each sector's lost service times the network's value-of-service weight (yen per "
           "unit, the network's <code>sectors.csv</code>); the burdens are the options file's burden "
           "parameters, documented defaults (docs/regulation.md) that nobody has measured. Net benefit, "
           "reduction per yen and the break-even multiplier combine both. The confidence intervals "
           "cover the simulation and the rate uncertainty (replicates), not the weights or the burden "
           "defaults. Person-hours and each sector's lost service in its own unit do not depend on "
           "the weights.</p>")
    if not has_yen(d):
        msg += ("<p>This network has no yen weights: every yen figure is 0, the net benefit is minus "
                "the burden, and the charts and class shares use person-hours instead.</p>")
    if isinstance(w, dict):
        rows = [[esc(s), esc(r.get("service_unit", "")), esc(r.get("yen_per_service_unit", "")),
                 esc(r.get("confidence", ""))] for s, r in w.items()]
        msg += ("<p>The weights this file was made with (the network's sectors.csv, unchanged since the "
                "run):</p>" + table(["sector", "unit of lost service", "JPY per unit", "confidence"],
                                    rows, "weights"))
    elif w is None:
        msg += ("<p>The network's sectors.csv (named in /provenance) is not readable here unchanged, "
                "so the weights' own confidence is not shown; see the file's metric_units for the "
                "unit of each sector.</p>")
    return msg


# -------------------------------------------------------------------- page

CSS_EXTRA = (".wide{overflow-x:auto;max-width:100%} code{font-size:12px} h2{margin-top:28px} "
             "#options th{white-space:normal;vertical-align:bottom} small{color:#666} "
             "#sectors td:nth-child(2),#sectors th:nth-child(2),#weights td:nth-child(2),#weights th:nth-child(2)"
             "{text-align:left;white-space:normal} "
             "#substitution td,#substitution th{text-align:left;white-space:normal;min-width:9em} "
             "#chart-risk_p_beats svg{max-width:720px} #chart-risk_classes svg{max-width:860px}")

CAPTIONS = {
    "risk_exceedance": "Annual loss reached or exceeded once in T years, on a log scale of T: left the "
                       "year's total (AEP), right its largest single incident (OEP). Thick black: the "
                       "baseline; one line per option, on the same simulated years. Points beyond the "
                       "simulated years are left out.",
    "risk_classes": "Each incident class's share of the baseline average annual loss and of the mean loss "
                    "of the worst 1 in 100 simulated years.",
    "risk_p_beats": "Probability, over the replicates (each with its own drawn rates), that the row "
                    "option's net annual benefit exceeds the column option's; 0.5 on the diagonal.",
    "risk_net_benefit": "Each option's net benefit (AAL reduction in yen − annualised burden, 95% CI) "
                        "against its annualised burden; above the dashed line the option pays for itself. "
                        "Both axes rest on the low-confidence yen weights and burden defaults.",
}


def cards(d):
    a = d["attrs"]
    years = int(a.get("years", 0)) or 1
    p100 = list(np.asarray(d["return_period"], float)).index(100.0) if 100.0 in d["return_period"] else None
    if has_yen(d):
        items = [(f"¥{common.human(d['aal'][0, YEN])}",
                  f"average annual loss, value of the lost service "
                  f"(95% CI ¥{common.human(d['aal_ci_low'][0, YEN])} – "
                  f"¥{common.human(d['aal_ci_high'][0, YEN])}; low-confidence weights)")]
    else:
        items = [("–", "value of the lost service: no yen weights in this network (sectors.csv)")]
    items += [
        (common.human(d["aal"][0, PEOPLE]),
         f"person-hours affected per year (95% CI {common.human(d['aal_ci_low'][0, PEOPLE])} – "
         f"{common.human(d['aal_ci_high'][0, PEOPLE])})"),
    ]
    m, unit = loss_metric(d)
    if p100 is not None and np.isfinite(d["aep"][0, p100, m]):
        v = common.human(d["aep"][0, p100, m])
        items.append((f"¥{v}" if m == YEN else v, f"the year's total loss reached once in 100 years (AEP, {unit})"))
    items.append((f"{d['incident_count'] / years:.3g}", "incidents per simulated year"))
    return "".join(f'<div class="card"><div class="v">{esc(v)}</div><div class="l">{esc(l)}</div></div>'
                   for v, l in items)


def provenance(d):
    a, p = d["attrs"], d["provenance"]
    years, reps = int(a.get("years", 0)), int(a.get("replicates", 0))
    inputs = p.get("inputs", [])
    cat = next((path for role, path, _ in inputs if role == "catalogue"), "")
    opts = next((path for role, path, _ in inputs if role == "options"), "")
    line = (f"{years:,} simulated years in {reps:,} replicates of {years // max(reps, 1):,} years "
            f"(each replicate draws its own class rates), seed {a.get('seed', '')}, "
            f"sectorsim {a.get('version', '')}, catalogue {esc(cat)}"
            + (f", options {esc(opts)}" if opts else "")
            + f", file {esc(os.path.basename(d['path']))}")
    more = ""
    if p.get("command_line"):
        more += f"<p>Command line: <code>{esc(p['command_line'])}</code>"
        if "threads" in p:
            more += f" ({int(p['threads'])} threads, {float(p.get('elapsed_seconds', 0)):.1f} s)"
        more += "</p>"
    if opts or "burden_life_years" in a:
        more += (f"<p>One-off burdens are annualised over {float(a.get('burden_life_years', 0)):g} years at "
                 f"{100 * float(a.get('burden_discount_rate', 0)):g}% a year (recovery factor "
                 f"{float(a.get('recovery_factor', 0)):.4g}).</p>")
    return line, more


RULES = (
    "<p><b>Per simulated year, not per incident.</b> Each year draws a Poisson number of incidents of every "
    "class at the class's annual rate; each replicate (a group of years) draws its own rates from their "
    "uncertainty. Each incident is one trial of the class's scenario. The average annual loss (AAL) is the "
    "mean over all years; its 95% CI is over the replicates' means, and the replicates' 5–95% spread shows "
    "how far the rate uncertainty moves it.</p>"
    "<p><b>People affected</b> (person-hours): each resident counted at most once per hour, whatever the "
    "number of sectors that fail them. <b>Each sector's lost service</b> is in its own unit and is never "
    "added across sectors.</p>"
)


def page(d, charts):
    a = d["attrs"]
    line, more = provenance(d)
    fig = {n: svg for n, svg in charts}

    def figure(n):
        if n not in fig:
            return ""
        return (f'<figure id="chart-{n}" class="chart">{fig[n]}<figcaption>{esc(CAPTIONS.get(n, ""))} '
                f'(<a href="charts/{n}.png">PNG</a>, <a href="charts/{n}.svg">SVG</a>)</figcaption></figure>')

    body = (f'<div class="cards">{cards(d)}</div>{more}{RULES}{weights_note(d)}'
            f'<h2 id="aal-heading">Average annual loss (baseline)</h2>{aal_table(d)}'
            f'<h2 id="exceedance-heading">Exceedance curves</h2>{figure("risk_exceedance")}'
            f'<h2 id="return-period-heading">Return periods (baseline)</h2>'
            f'<p>AEP: the year\'s total loss reached or exceeded once in T years; OEP: the year\'s largest '
            f'single incident.</p>{return_period_table(d)}'
            f'<h2 id="classes-heading">Incident classes</h2><p>Rate: the mean of the rates the replicates '
            f'drew for the class. Tail: the class\'s mean loss in the worst 1 in 100 simulated years (by the '
            f'year\'s total), and its share of their mean loss.</p>{class_table(d)}{figure("risk_classes")}'
            f'<h2 id="sectors-heading">Sectors, each in its own unit</h2>'
            f'<p>Each sector\'s average annual lost service in its own unit; the rows are not comparable '
            f'with one another and have no total.</p>{sector_table(d)}')
    if options_present(d):
        body += (f'<h2 id="options-heading">Regulation options</h2>'
                 f'<p>Option 0 is the baseline. Reductions are baseline − option, paired over the same '
                 f'simulated years (95% CI). Net benefit = AAL reduction (yen) − annualised burden. The '
                 f'break-even rate multiplier is the factor on every class rate at which the net benefit '
                 f'is 0 (∞: never pays; below 1: pays at today\'s rates). Frontier: no other option has '
                 f'lower-or-equal AAL (yen) and annualised burden. Under each figure its 95% CI; '
                 f'k, M, G, T = 10<sup>3</sup>, 10<sup>6</sup>, 10<sup>9</sup>, 10<sup>12</sup> '
                 f'(the exact value shows on hover).</p>{options_table(d)}'
                 f'<h2 id="p-beats-heading">Which option beats which</h2>{figure("risk_p_beats")}'
                 f'<h2 id="net-benefit-heading">Net benefit against burden</h2>{figure("risk_net_benefit")}'
                 f'<h2 id="substitution-heading">Concentration and substitution</h2>'
                 f'<p>What an option moves rather than removes: the (sector, supplier category) whose '
                 f'Herfindahl-Hirschman index of supply edges rose most, and the incident classes whose '
                 f'AAL rose under the option.</p>{substitution_table(d)}')
    title = esc(a.get("title", "sectorsim risk"))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>sectorsim risk report: '
            f'{title}</title><style>{common.CSS}{CSS_EXTRA}</style></head><body>'
            f'<header><h1>{title}</h1><p>Risk per year: {line}</p></header><main>{body}</main></body></html>\n')


def main(args):
    """Render a risk file; exit codes as report.py's (0 ok, 2 bad input, 4 I/O)."""
    import sys
    if args.criticality:
        print("sectorsim report: --criticality applies to run files, not to a risk file", file=sys.stderr)
        return 2
    try:
        d = load(args.h5)
    except common.BadInput as e:
        print(f"sectorsim report: {e}", file=sys.stderr)
        return 2
    try:
        os.makedirs(os.path.join(args.output, "charts"), exist_ok=True)
        charts = []
        chart_exceedance(d, args.output, charts)
        chart_classes(d, args.output, charts)
        if options_present(d):
            chart_p_beats(d, args.output, charts)
            chart_net_benefit(d, args.output, charts)
        common.write_file(os.path.join(args.output, "index.html"), page(d, charts).encode("utf-8"))
    except OSError as e:
        print(f"sectorsim report: {args.output}: {e}", file=sys.stderr)
        return 4
    print(f"wrote {os.path.join(args.output, 'index.html')} (risk file; {len(charts)} charts: "
          f"{', '.join(n for n, _ in charts)})")
    return 0
