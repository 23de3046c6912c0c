#!/usr/bin/python3
"""Bad catalogues and command lines of `sectorsim risk`: each exits 2 with a
message naming the file, the line and the rule broken, and writes no file.

usage: bad_catalogues.py SECTORSIM REPO_ROOT WORKDIR
"""
import os
import subprocess
import sys

BIN, ROOT, WORK = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
os.makedirs(WORK, exist_ok=True)
NET = f"{ROOT}/scenarios/examples/tiny/network"
TINY = f"{ROOT}/tests/scenarios/tiny_options.yaml"
GOOD_CLASS = f"""  - name: tiny
    scenario: {TINY}
    rate: 0.5
    source: test
    confidence: low
"""
HEAD = f"name: bad\nnetwork: {NET}\nyears: 100\nreplicates: 10\n"

# (name, text, expected substring of stderr)
CASES = [
    ("unknown_key", HEAD + "colour: red\nclasses:\n" + GOOD_CLASS, ":5:1: catalogue: unknown key 'colour'"),
    ("no_classes", HEAD, "catalogue: classes is required"),
    ("empty_classes", HEAD + "classes: []\n", ":5:10: catalogue: classes must be a list"),
    ("years_not_multiple", f"name: bad\nnetwork: {NET}\nyears: 105\nreplicates: 10\nclasses:\n" + GOOD_CLASS,
     ":4:13: catalogue: years (105) must be a multiple of replicates (10)"),
    ("negative_rate", HEAD + "classes:\n" + GOOD_CLASS.replace("rate: 0.5", "rate: -1"), ":8:11:"),
    ("bad_rate_dist", HEAD + "classes:\n" + GOOD_CLASS.replace("rate: 0.5", "rate: { dist: lognormal, median: 1 }"),
     ":8:11:"),
    ("missing_source", HEAD + "classes:\n" + GOOD_CLASS.replace("    source: test\n", ""),
     ":6:5: catalogue: classes[0].source is required"),
    ("bad_confidence", HEAD + "classes:\n" + GOOD_CLASS.replace("confidence: low", "confidence: sure"),
     ":10:17: classes[0].confidence"),
    ("bad_name", HEAD + "classes:\n" + GOOD_CLASS.replace("name: tiny", "name: Tiny Class"),
     ":6:11: catalogue: class name 'Tiny Class' must be lower-case"),
    ("duplicate_name", HEAD + "classes:\n" + GOOD_CLASS + GOOD_CLASS, "repeats the class at line 6"),
    ("missing_scenario", HEAD + "classes:\n" + GOOD_CLASS.replace(TINY, "/nonexistent/s.yaml"),
     ":6:5: catalogue: class tiny: its scenario /nonexistent/s.yaml does not load"),
    ("no_options", HEAD + f"options: {ROOT}/scenarios/japan/baseline.yaml\nclasses:\n" + GOOD_CLASS,
     "scenarios/japan/baseline.yaml: risk: the options file has no options"),
    ("not_a_mapping", "- just\n- a list\n", ":1:1: catalogue must be a mapping"),
    ("bad_years", HEAD.replace("years: 100", "years: 0") + "classes:\n" + GOOD_CLASS, ":3:8: years must be an integer"),
]
failures = 0
for name, text, want in CASES:
    path = f"{WORK}/{name}.yaml"
    out = f"{WORK}/{name}.h5"
    with open(path, "w") as f:
        f.write(text)
    if os.path.exists(out):
        os.remove(out)
    p = subprocess.run([BIN, "risk", path, "-o", out, "-q"], capture_output=True, text=True)
    ok = p.returncode == 2 and want in p.stderr and not os.path.exists(out) and \
        (path in p.stderr or name == "no_options")
    print(("ok   " if ok else "FAIL ") + f"{name}: exit {p.returncode}: {p.stderr.strip()[:200]}")
    failures += not ok

# command line
good = f"{WORK}/good.yaml"
with open(good, "w") as f:
    f.write(HEAD + "classes:\n" + GOOD_CLASS)
for args, want in [(["--years", "15"], "--years 15: must be at most"),
                   (["--years", "0"], "--years"),
                   ([], "-o OUT.h5 is required"),
                   (["-o", good], "is the input")]:
    cmd = [BIN, "risk", good, "-q"] + (args if args and args[0] == "-o" else ["-o", f"{WORK}/cl.h5"] + args if args else [])
    p = subprocess.run(cmd, capture_output=True, text=True)
    ok = p.returncode == 2 and want in p.stderr and not os.path.exists(f"{WORK}/cl.h5")
    print(("ok   " if ok else "FAIL ") + f"{' '.join(args) or '(no -o)'}: exit {p.returncode}: {p.stderr.strip()[:160]}")
    failures += not ok
if failures:
    sys.exit(f"{failures} bad-input case(s) failed")
print("all bad catalogues refused")
