#!/usr/bin/python3
"""The bad-input catalogue: every malformed file or argument must make
sectorsim exit with code 2, print an error naming the place (file:line:col)
and the rule, and create no output file.

usage: bad_inputs.py SECTORSIM SOURCE_DIR

Cases:
  tests/bad_inputs/network/<case>/   a network with one defect; `expect` holds
                                     "<file>:<line>:<col>: <phrase>"
  tests/bad_inputs/scenario/*.yaml   a scenario with one defect; first line
                                     "# expect: <substring after the path>"
  tests/bad_inputs/cli.txt           "ARGS | expected substring" per line
"""
import os
import shlex
import subprocess
import sys
import tempfile

BIN, SRC = sys.argv[1], sys.argv[2]
TINY = os.path.join(SRC, "scenarios/examples/tiny/scenario.yaml")
failures, count = [], 0


def check(name, args, expect, cwd, outdir, codes=(2,)):
    """Run one case; record a failure unless exit code, message and outdir are right."""
    global count
    count += 1
    before = sorted(os.listdir(outdir))
    p = subprocess.run([BIN] + args, cwd=cwd, capture_output=True, text=True, timeout=60)
    after = sorted(os.listdir(outdir))
    problems = []
    if p.returncode not in codes:
        problems.append(f"exit {p.returncode}, expected {codes}")
    if expect not in p.stderr:
        problems.append(f"stderr lacks {expect!r}")
    if not p.stderr.startswith("sectorsim: "):
        problems.append("stderr does not start with 'sectorsim: '")
    if after != before:
        problems.append(f"files created: {sorted(set(after) - set(before))}")
    if p.stdout.strip() and "run" in args[:1]:
        problems.append("run printed results on stdout")
    if problems:
        failures.append(f"{name}: {'; '.join(problems)}\n    stderr: {p.stderr.strip()}")


def network_cases(tmp):
    root = os.path.join(SRC, "tests/bad_inputs/network")
    base = open(os.path.join(root, "scenario.yaml.in")).read()
    for case in sorted(os.listdir(root)):
        cdir = os.path.join(root, case)
        if not os.path.isdir(cdir):
            continue
        expect = open(os.path.join(cdir, "expect")).read().strip()
        scen = os.path.join(tmp, f"{case}.yaml")
        with open(scen, "w") as f:
            f.write(base.replace("@NETWORK@", cdir))
        outdir = tempfile.mkdtemp(dir=tmp)
        for cmd in (["validate", scen], ["run", scen, "-o", os.path.join(outdir, "o.h5")]):
            check(f"network/{case} ({cmd[0]})", cmd, os.path.join(cdir, expect), tmp, outdir)


def scenario_cases(tmp):
    root = os.path.join(SRC, "tests/bad_inputs/scenario")
    for case in sorted(os.listdir(root)):
        if not case.endswith(".yaml"):
            continue
        path = os.path.join(root, case)
        with open(path, "rb") as f:
            first = f.readline().decode("utf-8", "replace")
        assert first.startswith("# expect: "), f"{case}: first line must be '# expect: ...'"
        expect = path + first[len("# expect: "):].rstrip("\n")
        outdir = tempfile.mkdtemp(dir=tmp)
        for cmd in (["validate", path], ["run", path, "-o", os.path.join(outdir, "o.h5")]):
            check(f"scenario/{case} ({cmd[0]})", cmd, expect, tmp, outdir)


def cli_cases(tmp):
    for n, line in enumerate(open(os.path.join(SRC, "tests/bad_inputs/cli.txt")), 1):
        if not line.strip() or line.startswith("#"):
            continue
        args, expect = (s.strip() for s in line.split(" | ", 1))
        outdir = tempfile.mkdtemp(dir=tmp)
        subst = {"@TINY@": TINY, "@OUT@": os.path.join(outdir, "o.h5"), "@DIR@": outdir,
                 "@SRC@": SRC}
        for k, v in subst.items():
            args, expect = args.replace(k, v), expect.replace(k, v)
        check(f"cli.txt:{n}", shlex.split(args), expect, tmp, outdir)


with tempfile.TemporaryDirectory() as tmp:
    network_cases(tmp)
    scenario_cases(tmp)
    cli_cases(tmp)

for f in failures:
    print("FAIL", f)
print(f"bad inputs: {count - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
