#!/usr/bin/python3
"""sectorsim criticality on the tiny network: S_EDR ranks first with the exact
structural reach (direct E1, E2, W1, F1, F2; W2 via S_SCADA) and the
hand-worked impact in person-hours affected (README step 6); the CSV reads with pandas.  Usage: test_criticality.py SECTORSIM TINY"""
import os
import subprocess
import sys
import tempfile

import pandas as pd

BIN, TINY = sys.argv[1], sys.argv[2]


def check(cond, msg):
    if not cond:
        sys.exit(f"FAIL: {msg}")


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "crit.csv")
    r = subprocess.run([BIN, "criticality", TINY, "-o", out, "--quiet"], capture_output=True, text=True)
    check(r.returncode == 0, f"criticality: {r.stderr}")
    check(r.stdout.splitlines()[1].split()[1] == "S_EDR", f"table: S_EDR not first:\n{r.stdout}")
    df = pd.read_csv(out)
    check(list(df["supplier_id"]) [0] == "S_EDR" and list(df["rank"]) == [1, 2, 3, 4], "ranking")
    e = df.set_index("supplier_id").loc["S_EDR"]
    # direct: E1 1,000,000 + E2 500,000 + W1 400,000 + F1 300,000 + F2 100,000
    check(e.direct_operators == 5 and e.direct_people == 2300000, f"S_EDR direct: {e}")
    # + W2 (200,000) through S_SCADA
    check(e.reach_operators == 6 and e.reach_people == 2500000, f"S_EDR reach: {e}")
    check(e.foreign == 1 and e.country == "US" and e.category == "endpoint_security", "S_EDR origin")
    check(e.top_share == 1.0 and e.hhi_contribution == 10000, "S_EDR concentration")
    # person-hours affected, each resident counted once (README step 6)
    check(abs(e.sim_mean_person_h - 22731803.89) < 0.005 and e.sim_cvar95_person_h == e.sim_mean_person_h,
          f"S_EDR impact {e.sim_mean_person_h!r}")
    check(e.sim_mean_yen == 0, "no yen weights in the tiny network: sim_mean_yen 0")
    # sectors are ranked by the value (yen) of their lost service, their units differing;
    # without yen weights every unit is the default customer-hours: by lost service
    # (README: electricity 11,000,000, water 5,520,000, finance 2,400,000, rail 1,980,000)
    check(e.top_sectors == "electricity;water;finance", f"S_EDR sectors: {e.top_sectors!r}")
    # prefectures of residence by person-hours: Tokyo 11,511,889, Osaka 11,219,915
    check(e.top_prefectures == "Tokyo;Osaka", f"S_EDR prefectures {e.top_prefectures}")
    s = df.set_index("supplier_id").loc["S_SCADA"]
    # S_SCADA -> W2 (200,000) and E1 (1,000,000)
    check(s.reach_operators == 2 and s.reach_people == 1200000 and s.foreign == 1, f"S_SCADA: {s}")
    # only W2 (Osaka, 1,920,000) and P1 (Tokyo, 600,000): no overlap (test_compare.py, vet-us-*)
    check(s.sim_mean_person_h == 2520000 and s.top_prefectures == "Osaka;Tokyo", f"S_SCADA impact: {s}")
    check(s.top_sectors == "water;payments", f"S_SCADA sectors: {s.top_sectors!r}")
    check(df.set_index("supplier_id").loc["S_OS"].foreign == 0, "S_OS is domestic")
    r = subprocess.run([BIN, "criticality", os.path.join(tmp, "missing.yaml"), "-o", out + "2"],
                       capture_output=True, text=True)
    check(r.returncode == 2 and not os.path.exists(out + "2"), "missing scenario: exit 2, no file")
print("ok: criticality")
