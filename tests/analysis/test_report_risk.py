#!/usr/bin/python3
"""sectorsim report of a risk file (docs/analysis.md, "Risk files").

Builds a small catalogue on the tiny example (the network copied with a
sectors.csv giving yen weights of low confidence and a second, Japanese
endpoint vendor S_EDR2 serving E1; two classes on
tests/scenarios/tiny_options.yaml, the second with S_EDR2 as its origin; 200
years in 10 replicates; the options of tiny_options.yaml, where vet-us-replace
now moves S_EDR's customers to S_EDR2: the electricity/endpoint_security HHI
and the second class's AAL rise), runs `sectorsim risk` and
`sectorsim report`, and checks that the page has its sections, states what the
yen totals rest on, and shows the file's numbers: the AAL, its CI and the
replicates' spread, the return-period table (no AEP at 250 years from 200
years), each class's AAL and share, each sector in its own unit, the options
table (reduction, burden, net benefit, reduction per yen, break-even
multiplier, P(beats baseline), frontier) and the substitution table.  A
catalogue without options gets no options section; a risk file without
/risk/p_beats and --criticality with a risk file exit 2.  Usage: test_report_risk.py SECTORSIM SOURCE_DIR"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

BIN, ROOT = sys.argv[1], os.path.abspath(sys.argv[2])
TINY = os.path.join(ROOT, "tests", "scenarios", "tiny_options.yaml")
failures = 0
SECTORS_CSV = """sector,customer_unit,service_unit,per_day,people_per_customer,yen_per_service_unit,source,confidence
electricity,households,household-hours,0,2.2,100,test weights,low
rail,passengers per day,passenger trips,1,1,500,test weights,low
"""


def check(cond, what):
    global failures
    print(("ok   " if cond else "FAIL ") + what)
    failures += 0 if cond else 1


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True)


def full(x):
    """report.py's format of a large number."""
    return f"{x:,.0f}"


def strings(ds):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in ds[()]]


def catalogue(tmp, name, classes, options=None):
    path = os.path.join(tmp, f"{name}.yaml")
    with open(path, "w") as fh:
        fh.write(f"name: {name}\nnetwork: {tmp}/network\nseed: 7\nyears: 200\nreplicates: 10\n")
        if options:
            fh.write(f"options: {options}\n")
        fh.write("classes:\n")
        for cname, scenario, rate in classes:
            fh.write(f"  - name: {cname}\n    scenario: {scenario}\n    rate: {rate}\n"
                     "    source: test\n    confidence: low\n")
    return path


def page_text(out):
    page = open(os.path.join(out, "index.html"), encoding="utf-8").read()
    return page, re.sub(r"<svg.*?</svg>", "", page, flags=re.S)  # the page's own words


def table_of(text, ident):
    """The HTML of the table with id ident ('' if absent)."""
    start = text.find(f'<table id="{ident}">')
    return "" if start < 0 else text[start:text.index("</table>", start)]


def row_with(text, first_cell):
    """The cells of the table row whose first cell is first_cell (None if absent)."""
    m = re.search(r"<tr><td>" + re.escape(first_cell) + r"</td>(.*?)</tr>", text)
    return re.findall(r"<td>(.*?)</td>", m.group(1)) if m else None


with tempfile.TemporaryDirectory() as tmp:
    shutil.copytree(os.path.join(ROOT, "scenarios", "examples", "tiny", "network"),
                    os.path.join(tmp, "network"))
    with open(os.path.join(tmp, "network", "sectors.csv"), "w") as fh:
        fh.write(SECTORS_CSV)
    with open(os.path.join(tmp, "network", "suppliers.csv"), "a") as fh:
        fh.write("S_EDR2,Japanese endpoint-security vendor (test),JP,endpoint_security\n")
    with open(os.path.join(tmp, "network", "supply.csv"), "a") as fh:
        fh.write("S_EDR2,E1,auto,4,0.4,endpoint\n")
    domestic = os.path.join(tmp, "tiny_domestic.yaml")
    with open(TINY) as src, open(domestic, "w") as dst:
        text = src.read().replace("network: ../../scenarios/examples/tiny/network", f"network: {tmp}/network")
        dst.write(text.replace("origin: { suppliers: [S_EDR] }", "origin: { suppliers: [S_EDR2] }"))
    cat = catalogue(tmp, "tiny-risk", [("tiny", TINY, 0.5), ("domestic", domestic, 0.5)], options=TINY)
    h5 = os.path.join(tmp, "risk.h5")
    r = run("risk", cat, "-o", h5, "-q")
    check(r.returncode == 0, f"sectorsim risk: {r.stderr.strip()}")

    out = os.path.join(tmp, "report")
    r = run("report", h5, "-o", out)
    check(r.returncode == 0 and "risk file" in r.stdout,
          f"report of a risk file: {r.stdout.strip()} {r.stderr.strip()}")
    page, text = page_text(out)
    for name in ("risk_exceedance", "risk_classes", "risk_p_beats", "risk_net_benefit"):
        for ext in ("png", "svg"):
            path = os.path.join(out, "charts", f"{name}.{ext}")
            check(os.path.isfile(path) and os.path.getsize(path) > 0, f"charts/{name}.{ext}")
        check(f'id="chart-{name}"' in page and "<svg" in page, f"{name} inlined")
    for heading in ("Average annual loss (baseline)", "Exceedance curves", "Return periods (baseline)",
                    "Incident classes", "Sectors, each in its own unit", "Regulation options",
                    "Which option beats which", "Net benefit against burden", "Concentration and substitution"):
        check(f">{heading}</h2>" in text, f"section {heading!r}")
    for phrase in ("Yen totals rest on low-confidence assumptions", "burden parameters",
                   "Per simulated year, not per incident", "never added across sectors",
                   "200 simulated years in 10 replicates of 20 years", "seed 7",
                   f"catalogue {cat}", f"options {TINY}", "sectorsim risk "):
        check(phrase in text, f"page says {phrase!r}")
    check("customer-hours lost" not in text, "no national figure in customer-hours")

    with h5py.File(h5) as f:
        g = f["risk"]
        aal, lo, hi = g["aal"][()], g["aal_ci_low"][()], g["aal_ci_high"][()]
        p05, p95 = g["aal_replicate_p05"][()], g["aal_replicate_p95"][()]
        check(aal[0, 0] > 0 and aal[0, 1] > 0, "the file has yen and person-hours")
        for label, m in (("value of the lost service", 0), ("people affected (each resident counted once)", 1)):
            cells = row_with(table_of(text, "aal"), label)
            want = ["JPY per year" if m == 0 else "person-hours per year", full(aal[0, m]),
                    f"{full(lo[0, m])} – {full(hi[0, m])}", f"{full(p05[0, m])} – {full(p95[0, m])}",
                    full(g["tail_mean_100"][0, m])]
            check(cells == want, f"AAL table, {label}: {cells} = {want}")

        rp = list(g["return_period"][()])
        cells = row_with(table_of(text, "return-periods"), "100")
        want = ["0.01", full(g["aep"][0, rp.index(100), 0]), full(g["oep"][0, rp.index(100), 0]),
                full(g["aep"][0, rp.index(100), 1]), full(g["oep"][0, rp.index(100), 1])]
        check(cells == want, f"return periods, 100 years: {cells} = {want}")
        check(np.isnan(g["aep"][0, rp.index(250), 0])
              and row_with(table_of(text, "return-periods"), "250")[1] == "– (fewer years)",
              "return periods: none at 250 years from 200 years")

        classes = strings(g["class_name"])
        check(classes == ["tiny", "domestic"], f"classes {classes}")
        for c, name in enumerate(classes):
            cells = row_with(table_of(text, "classes"), name)
            share = 100 * g["class_aal"][0, c, 0] / aal[0, 0]
            want_counts = full(g["incidents"][:, c].sum())
            check(cells is not None and cells[1] == want_counts and cells[2] == full(g["class_aal"][0, c, 0])
                  and cells[3] == f"{share:.1f}%" and cells[6] == full(g["class_aal"][0, c, 1]),
                  f"class {name}: incidents {want_counts}, AAL {full(g['class_aal'][0, c, 0])} yen, {share:.1f}%")

        metrics, units = strings(g["metric_name"]), strings(g["metric_units"])
        for m in (metrics.index("electricity"), metrics.index("rail"), metrics.index("water")):
            cells = row_with(table_of(text, "sectors"), metrics[m])
            check(cells is not None and cells[0] == units[m] + " per year" and cells[1] == full(aal[0, m]),
                  f"sector {metrics[m]} in {units[m]}: {full(aal[0, m])}")
        check(units[metrics.index("rail")] == "passenger trips", "rail in its own unit (sectors.csv)")
        check("total" not in table_of(text, "sectors").lower(), "no total across sectors")
        weights = row_with(table_of(text, "weights"), "electricity")
        check(weights == ["household-hours", "100", "low"], f"weights table with confidence: {weights}")

        options = strings(g["option_name"])
        opt_table = table_of(text, "options")
        for k, name in enumerate(options):
            cells = row_with(opt_table, name)
            if cells is None:
                check(False, f"options table: a row for {name}")
                continue
            # compact figures carry the exact value in their title; the 95% CI follows
            exact = [re.findall(r'title="([^"]*)"', c) for c in cells]
            check(exact[0] == [full(aal[k, 0])] and exact[3] == [full(g["burden_oneoff"][k])]
                  and exact[4] == [full(g["burden_recurring"][k])]
                  and exact[5] == [full(g["burden_annualised"][k])]
                  and (cells[10] == "yes") == bool(g["frontier"][k]),
                  f"options table, {name}: AAL, burdens, frontier")
            if k == 0:
                continue
            red = [full(g[key][k, m]) for m in (0, 1)
                   for key in ("reduction_aal", "reduction_ci_low", "reduction_ci_high")]
            nb = [full(g[key][k]) for key in ("net_benefit", "net_benefit_ci_low", "net_benefit_ci_high")]
            check(exact[1] + exact[2] == red and exact[6] == nb and cells[9] == f"{g['p_beats'][k, 0]:.3f}",
                  f"options table, {name}: reductions {red[0]} yen, {red[3]} person-h, net benefit {nb[0]}, "
                  "P(beats baseline)")
            be = g["break_even_rate_multiplier"][k]
            check(cells[8].startswith("∞" if np.isinf(be) else f"{be:.3g}<br>"),
                  f"options table, {name}: break-even multiplier {be:.3g}")
        noop = options.index("noop")
        check(np.all(g["reduction_aal"][noop] == 0)
              and row_with(opt_table, "noop")[1] == '<span title="0">0</span><br><small>'
                                                    '<span title="0">0</span> – <span title="0">0</span></small>',
              "noop: reduction 0 (0 – 0)")

        # substitution: the (sector, category) whose HHI rose most, as `sectorsim risk` prints it
        hhi = g["hhi"][()]
        sector_names, cats = strings(g["sector_name"]), strings(g["category_name"])
        sub = table_of(text, "substitution")
        for k in range(1, len(options)):
            rise = (hhi[k] - hhi[0]).ravel()
            best = int(np.argmax(rise))
            s, c = divmod(best, hhi.shape[2])
            want = (f"{sector_names[s]} / {cats[c]}: {hhi[0, s, c]:.3f} → {hhi[k, s, c]:.3f}"
                    if rise[best] > 0 else "no HHI rose")
            up = [classes[c] for c in range(len(classes)) if g["class_aal"][k, c, 0] > g["class_aal"][0, c, 0]]
            cells = row_with(sub, options[k])
            check(cells is not None and cells[0] == want
                  and [x.split(" +")[0] for x in cells[1].split(", ")] == (up or ["none"]),
                  f"substitution, {options[k]}: {want}; AAL rose: {up or 'none'}")
        check(row_with(sub, "vet-us-replace")[0].startswith("electricity / endpoint_security: ")
              and "domestic +" in row_with(sub, "vet-us-replace")[1],
              "vet-us-replace: electricity endpoint HHI and the domestic class's AAL rose")

    # a catalogue without options: no options section, two charts
    plain = catalogue(tmp, "tiny-plain", [("tiny", TINY, 0.5)])
    h5p = os.path.join(tmp, "plain.h5")
    check(run("risk", plain, "-o", h5p, "-q").returncode == 0, "sectorsim risk without options")
    r = run("report", h5p, "-o", os.path.join(tmp, "report_plain"))
    check(r.returncode == 0 and "2 charts" in r.stdout, f"report without options: {r.stdout.strip()}")
    _, text = page_text(os.path.join(tmp, "report_plain"))
    check("Regulation options" not in text and "Average annual loss" in text, "no options section")

    # a damaged risk file: refused before anything is written
    bad = os.path.join(tmp, "bad.h5")
    shutil.copy(h5, bad)
    with h5py.File(bad, "r+") as f:
        del f["risk/p_beats"]
    r = run("report", bad, "-o", os.path.join(tmp, "report_bad"))
    check(r.returncode == 2 and "p_beats" in r.stderr and not os.path.exists(os.path.join(tmp, "report_bad")),
          f"a risk file without /risk/p_beats: exit {r.returncode} (want 2), nothing written")

    r = run("report", h5, "-o", os.path.join(tmp, "report_crit"), "--criticality", cat)
    check(r.returncode == 2 and "risk file" in r.stderr, f"--criticality with a risk file: exit {r.returncode}")
print(f"report_risk: {failures} failure(s)")
sys.exit(1 if failures else 0)
