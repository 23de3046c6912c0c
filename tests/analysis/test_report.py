#!/usr/bin/python3
"""sectorsim report in honest units (issue 19), without a browser: on the tiny
example with a sectors.csv (electricity in household-hours, 2.2 residents per
household, 100 yen per household-hour; rail a rate per day in passenger trips,
500 yen per trip), the file holds the hand-worked lost service and yen, and the
page states the counting rule and that results are conditional on the
incident, lists the yen weights and units of every sector, shows each sector in
its own unit, and never calls a national figure customer-hours.  A compare
file gets the frontier and the options table; a file without the person-hours
count exits 2.  Usage: test_report.py SECTORSIM TINY_SCENARIO TINY_OPTIONS"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

BIN, TINY, OPTIONS = sys.argv[1:4]
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
    r = subprocess.run([BIN, *args], capture_output=True, text=True)
    return r


with tempfile.TemporaryDirectory() as tmp:
    # the tiny example with yen weights and units
    src = os.path.dirname(os.path.abspath(TINY))
    shutil.copy(TINY, os.path.join(tmp, "scenario.yaml"))
    shutil.copytree(os.path.join(src, "network"), os.path.join(tmp, "network"))
    with open(os.path.join(tmp, "network", "sectors.csv"), "w") as fh:
        fh.write(SECTORS_CSV)
    h5 = os.path.join(tmp, "tiny.h5")
    r = run("run", os.path.join(tmp, "scenario.yaml"), "-o", h5, "--quiet")
    check(r.returncode == 0, f"run with sectors.csv: {r.stderr.strip()}")
    with h5py.File(h5) as f:
        names = [x.decode() if isinstance(x, bytes) else x for x in f["network/sector_name"][()]]
        units = [x.decode() if isinstance(x, bytes) else x for x in f["network/sector_service_unit"][()]]
        S = {n: i for i, n in enumerate(names)}
        lost = f["results/sector_service_lost"][0]
        check(units[S["electricity"]] == "household-hours" and units[S["rail"]] == "passenger trips"
              and units[S["water"]] == "customer-hours", "units from sectors.csv, the default elsewhere")
        # README step 3: electricity 11,000,000 customer-hours; rail 1,980,000 customer-hours
        # of a rate per day = 82,500 passenger trips
        check(lost[S["electricity"]] == 11_000_000 and lost[S["rail"]] == 82_500,
              "lost service in each sector's unit (rail: 1,980,000 / 24 trips)")
        check(np.all(f["results/loss_yen"][()] == 11_000_000 * 100 + 82_500 * 500),
              "loss_yen = 11e6 x 100 + 82,500 x 500 = 1,141,250,000")
        # electricity's residents: 2.2 per household, no cap binds: the upper bound is
        # the README's 23,135,000 plus 1.2 x 11,000,000
        check(np.all(f["results/people_hours_high"][()] == 23_135_000 + 1.2 * 11_000_000),
              "people_hours_high with 2.2 residents per household")

    out = os.path.join(tmp, "report")
    r = run("report", h5, "-o", out)
    check(r.returncode == 0, f"report: {r.stderr.strip()}")
    page = open(os.path.join(out, "index.html"), encoding="utf-8").read()
    text = re.sub(r"<svg.*?</svg>", "", page, flags=re.S)  # the page's own words, not the charts
    for phrase in ("Conditional on the incident", "not a risk per year",
                   "counted at most once per hour", "independent", "lower bound",
                   "complete overlap", "upper bound", "no overlap", "capped at the population",
                   "yen per unit of lost service", "household-hours", "passenger trips",
                   "passengers per day", "person-hours affected", "¥1.14 G"):
        check(phrase in text, f"page says {phrase!r}")
    check("customer-hours lost" not in text and "cust" + "-h" not in text,
          "no national figure in customer-hours")
    row = re.search(r"<tr><td>electricity</td><td>households</td><td></td><td>household-hours</td>"
                    r"<td>100</td><td>2\.2</td></tr>", text)
    check(row is not None, "weights table: electricity households, household-hours, 100 yen, 2.2 residents")
    row = re.search(r"<tr><td>rail</td><td>passengers per day</td><td>yes</td><td>passenger trips</td>"
                    r"<td>500</td><td>1</td></tr>", text)
    check(row is not None, "weights table: rail a rate per day, passenger trips, 500 yen")
    row = re.search(r"<tr><td>rail</td><td>passenger trips</td><td>82,500</td>", text)
    check(row is not None, "sector table: rail in passenger trips, 82,500")
    for name in ("exceedance", "timeseries", "prefectures"):
        for ext in ("png", "svg"):
            check(os.path.getsize(os.path.join(out, "charts", f"{name}.{ext}")) > 0, f"charts/{name}.{ext}")
    svg = open(os.path.join(out, "charts", "exceedance.svg"), encoding="utf-8").read()
    check(svg.count("<g id=\"axes_") == 2, "exceedance: people and yen in two panels")

    # a comparison: frontier and options table in person-hours
    cmp_h5 = os.path.join(tmp, "cmp.h5")
    check(run("compare", OPTIONS, "-o", cmp_h5, "--quiet").returncode == 0, "compare")
    r = run("report", cmp_h5, "-o", os.path.join(tmp, "report_cmp"))
    check(r.returncode == 0 and "frontier" in r.stdout, f"report of a compare file: {r.stdout.strip()}")
    page = open(os.path.join(tmp, "report_cmp", "index.html"), encoding="utf-8").read()
    check("Regulation options" in page and "reduction, person-hours (95% CI)" in page
          and "notice-100h-all" in page, "options table in person-hours")

    # a file from before the person-hours count: refused, nothing written
    old = os.path.join(tmp, "old.h5")
    shutil.copy(h5, old)
    with h5py.File(old, "r+") as f:
        del f["summary/people_mean"]
    r = run("report", old, "-o", os.path.join(tmp, "report_old"))
    check(r.returncode == 2 and "people_mean" in r.stderr
          and not os.path.exists(os.path.join(tmp, "report_old", "index.html")),
          f"a file without /summary/people_mean: exit {r.returncode} (want 2)")
print(f"report: {failures} failure(s)")
sys.exit(1 if failures else 0)
