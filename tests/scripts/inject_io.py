#!/usr/bin/python3
"""I/O-failure injection (issue 18): every write(2), fsync(2), close(2),
rename(2) and link(2) of an output file fails in turn.

For each command below, over no earlier output and over an earlier one (a
different result in place), a run through sectorsim-inject counts its
operations (SSIM_INJECT_REPORT); then each point OP:K fails with ERR
(SSIM_INJECT_IO) and the run must:
  - exit 4 (an I/O failure), never 0, never another code, never a signal;
  - name the output (the file, or the directory of a group) on stderr;
  - leave the earlier output byte-identical (or no output where there was
    none), with one documented exception: when the directory fsync after the
    rename of a single file fails, the new file is removed and the earlier
    one is already gone (core/atomic.h), so there must be no file;
  - leave no temporary or backup file (no hidden name) beside it.
Short writes: the K-th write writing only part of its bytes must be
completed (exit 0 and the same output as a clean run), and a short write
followed by ENOSPC (a disk filling up) must exit 4 as above.

Commands: run (HDF5), compare (HDF5), summarize --csv (five or six CSV files
committed as a group), generate er (a network directory: four files, group
commit), criticality -o (one CSV file).  `report` is left out: its files are written by matplotlib under
Python, not through core/atomic.

usage: inject_io.py SECTORSIM_INJECT SOURCE_DIR [STRIDE]
  STRIDE: only every STRIDE-th point of each kind, and the last (sanitizer
  builds); 1 (all) by default.
"""
import os
import shutil
import subprocess
import sys
import tempfile

OPS = {"write": "ENOSPC", "fsync": "EIO", "close": "EIO", "rename": "EIO", "link": "ENOSPC"}
TIMEOUT = 120


def snapshot(path):
    """The bytes at path: a file's, a directory's {name: bytes}, or None."""
    if os.path.isdir(path):
        return {n: open(os.path.join(path, n), "rb").read() for n in sorted(os.listdir(path))}
    if os.path.exists(path):
        return open(path, "rb").read()
    return None


def hidden(folder):
    """Hidden names in folder and, for a directory output, inside it."""
    found = []
    for root, dirs, files in os.walk(folder):
        found += [os.path.join(root, n) for n in dirs + files if n.startswith(".")]
    return found


class Case:
    def __init__(self, name, argv, earlier_argv, compare_h5=False):
        self.name, self.argv, self.earlier_argv, self.compare_h5 = (name, argv, earlier_argv,
                                                                    compare_h5)


def cases(bin_, src, base):
    tiny = os.path.join(src, "scenarios/examples/tiny/scenario.yaml")
    opts = os.path.join(src, "tests/scenarios/inject_options.yaml")
    stochastic = os.path.join(src, "tests/scenarios/stochastic.yaml")
    h5run = os.path.join(base, "run.h5")
    h5cmp = os.path.join(base, "compare.h5")
    # the earlier CSV set: another network and random outcomes, so every file differs
    for argv in ([bin_, "run", stochastic, "-o", h5run, "--trials", "20", "--quiet"],
                 [bin_, "compare", opts, "-o", h5cmp, "--trials", "2", "--quiet"]):
        subprocess.run(argv, check=True, capture_output=True)
    run = [bin_, "run", tiny, "--trials", "2", "--threads", "1", "--quiet", "-o"]
    cmp = [bin_, "compare", opts, "--trials", "2", "--threads", "1", "--quiet", "-o"]
    gen = [bin_, "generate", "er", "--nodes", "300", "--quiet", "--seed"]
    return [
        Case("run", run, run[:2] + [opts, "--trials", "3", "--quiet", "-o"], compare_h5=True),
        Case("compare", cmp, cmp[:2] + ["--seed", "9"] + cmp[2:], compare_h5=True),
        # the earlier CSV set has no options.csv: a new file where there was none
        Case("summarize", [bin_, "summarize", h5cmp, "--csv"], [bin_, "summarize", h5run, "--csv"]),
        # the earlier network: another size and seed, so that every file but
        # suppliers.csv (the one supplier S0) differs
        Case("generate", gen + ["3", "-o"], gen[:4] + ["250"] + gen[5:] + ["4", "-o"]),
        # the ranking's CSV (ssim_atomic_write, as the HDF5 files)
        Case("criticality", [bin_, "criticality", tiny, "--trials", "2", "--quiet", "-o"],
             [bin_, "criticality", stochastic, "--trials", "5", "--quiet", "-o"]),
    ]


def run(argv, env_extra):
    env = dict(os.environ, **env_extra)
    try:
        p = subprocess.run(argv, env=env, capture_output=True, text=True, errors="replace",
                           timeout=TIMEOUT)
        return p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        return None, f"no exit within {TIMEOUT} s"


def chosen(n, stride):
    """Points 1, 1 + stride, ... and n."""
    return sorted(set(range(1, n + 1, stride)) | ({n} if n else set()))


def check_case(src, case, base, earlier, stride=1):
    """Every point of case, over an earlier output or none; (points, failures)."""
    work = tempfile.mkdtemp(prefix=f"{case.name}.", dir=base)
    out = os.path.join(work, {"run": "out.h5", "compare": "out.h5",
                              "criticality": "out.csv"}.get(case.name, "out"))
    failures, points = [], 0

    def prepare():
        if os.path.isdir(out):
            shutil.rmtree(out)
        elif os.path.exists(out):
            os.remove(out)
        if earlier:
            rc, err = run(case.earlier_argv + [out], {})
            if rc != 0:
                raise SystemExit(f"{case.name}: cannot write the earlier output: {err}")
        return snapshot(out)

    # the clean run: its counts and its output (the reference for short writes)
    before = prepare()
    report = os.path.join(base, "report.txt")
    rc, err = run(case.argv + [out], {"SSIM_INJECT_REPORT": report})
    if rc != 0:
        return 0, [f"{case.name}: the clean run exits {rc}: {err}"]
    counts = {k: int(v) for k, v in (line.split() for line in open(report))}
    reference = snapshot(out)
    label = f"{case.name} ({'over an earlier output' if earlier else 'no earlier output'})"
    if earlier and counts["link"] == 0 and os.path.isdir(out):
        failures.append(f"{label}: a group commit over earlier files made no backup link")

    def expect_failure(rule):
        nonlocal points
        points += 1
        before = prepare()
        rc, err = run(case.argv + [out], {"SSIM_INJECT_IO": rule})
        where = f"{label} {rule}"
        if rc != 4:
            what = "hung" if rc is None else f"signal {-rc}" if rc < 0 else f"exit {rc}"
            failures.append(f"{where}: {what}, expected exit 4; stderr {err[-400:]!r}")
        if out not in err:
            failures.append(f"{where}: stderr does not name {out}: {err[-400:]!r}")
        now = snapshot(out)
        after_rename = "cannot fsync directory" in err and not os.path.isdir(out)
        if after_rename and now is not None:
            failures.append(f"{where}: the directory fsync failed but a file is left")
        elif not after_rename and now != before:
            failures.append(f"{where}: the earlier output changed (or a new one appeared)")
        left = hidden(work)
        if left:
            failures.append(f"{where}: left {left}")

    for op, err_name in OPS.items():
        for k in chosen(counts[op], stride):
            expect_failure(f"{op}:{k}:{err_name}")
    for k in chosen(counts["write"], stride):
        expect_failure(f"write:{k}:short,write:{k + 1}:ENOSPC")
        # a short write alone is completed: the clean run's output
        points += 1
        prepare()
        rc, err = run(case.argv + [out], {"SSIM_INJECT_IO": f"write:{k}:short"})
        where = f"{label} write:{k}:short"
        if rc != 0:
            failures.append(f"{where}: exit {rc}, expected 0: {err[-400:]!r}")
        elif case.compare_h5:
            tmp_ref = os.path.join(base, "reference.h5")
            open(tmp_ref, "wb").write(reference)
            c = subprocess.run([sys.executable, os.path.join(src, "tests/scripts/h5compare.py"),
                                tmp_ref, out], capture_output=True, text=True)
            if c.returncode != 0 or os.path.getsize(out) != len(reference):
                failures.append(f"{where}: not the clean run's file: {c.stdout[-300:]}")
        elif snapshot(out) != reference:
            failures.append(f"{where}: not the clean run's output")
        if hidden(work):
            failures.append(f"{where}: left {hidden(work)}")
    summary = ", ".join(f"{op} {counts[op]}" for op in OPS)
    print(f"{label}: {summary}; {points} points")
    shutil.rmtree(work, ignore_errors=True)
    return points, failures


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__)
        return 2
    bin_, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    stride = int(sys.argv[3]) if len(sys.argv) == 4 else 1
    base = tempfile.mkdtemp(prefix="inject_io.")
    try:
        total, failures = 0, []
        for case in cases(bin_, src, base):
            for earlier in (False, True):
                n, f = check_case(src, case, base, earlier, stride)
                total += n
                failures += f
        for line in failures[:80]:
            print(line)
        print(f"{total} I/O failure points injected, {len(failures)} failures")
        return 1 if failures else 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
