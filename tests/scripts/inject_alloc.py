#!/usr/bin/python3
"""Allocation-failure sweep (issue 18, defect 10).

A small run of COMMAND (run, compare or summarize --csv) is made once through
sectorsim-inject to count its allocations (N, SSIM_INJECT_REPORT); then, for
each point i = 1, 1 + STRIDE, ... and N, the i-th allocation is made to fail
(SSIM_INJECT_ALLOC=i) and the run must:
  - exit 3 (a resource limit): never 0, 1 or another code, never a signal;
  - say "out of memory" on stderr (in a "sectorsim: " line);
  - leave no output (no results file, no CSV directory) and nothing else in
    its folder: no temporary (.NAME.PID.XXXXXXXX), no backup.
A point past the allocations a run makes exits 0 and counts as "not reached":
on two threads a workspace that grows inside the trial loop grows on one
thread or both, so the count varies by one or two between runs; only the
last few points may be not reached.
Leaks are the sanitizer build's business: under ASan (detect_leaks=1) a leak
makes the run exit with another code, which this sweep reports.

usage: inject_alloc.py SECTORSIM_INJECT SOURCE_DIR COMMAND [--stride K] [--jobs J]
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 120  # seconds per run (sanitizer builds are slow)


def command_line(bin_, src, command, work, out):
    tiny = os.path.join(src, "scenarios/examples/tiny/scenario.yaml")
    if command == "run":  # two threads: allocations inside the OpenMP regions too
        return [bin_, "run", tiny, "-o", out, "--trials", "3", "--threads", "2", "--quiet"]
    if command == "compare":
        opts = os.path.join(src, "tests/scenarios/inject_options.yaml")
        return [bin_, "compare", opts, "-o", out, "--trials", "2", "--threads", "1", "--quiet"]
    if command == "summarize":  # of a comparison's file: every CSV, options.csv too
        return [bin_, "summarize", os.path.join(work, "input.h5"), "--csv", out]
    raise SystemExit(f"unknown command {command}")


def allocations(report):
    """The allocation count a run wrote at exit, or None."""
    try:
        return int(dict(line.split() for line in open(report))["alloc"])
    except (OSError, KeyError, ValueError):
        return None


def run_point(args, base, i):
    """One injected run in a fresh folder; a list of failures (empty: passed)."""
    folder = tempfile.mkdtemp(prefix=f"p{i}.", dir=base)
    try:
        if args.command == "summarize":
            shutil.copy(os.path.join(base, "input.h5"), folder)
        out = os.path.join(folder, "out.h5" if args.command != "summarize" else "csv")
        before = set(os.listdir(folder))
        report = folder + ".report"
        env = dict(os.environ, SSIM_INJECT_ALLOC=str(i), SSIM_INJECT_REPORT=report)
        try:
            p = subprocess.run(command_line(args.bin, args.src, args.command, folder, out),
                               env=env, capture_output=True, text=True, errors="replace",
                               timeout=TIMEOUT, cwd=folder)
        except subprocess.TimeoutExpired:
            return i, None, [f"point {i}: no exit within {TIMEOUT} s"]
        problems = []
        err = p.stderr
        made = allocations(report)
        if p.returncode == 0 and made is not None and made < i:
            # This run made fewer allocations than the counting run: on two
            # threads a workspace that grows inside the trial loop (the
            # supply-chain model's dependency waves) grows on one thread or on
            # both, so a run's count varies by one or two.  Not reached is
            # not a failure, but only at the very end of the sweep.
            return i, "not reached", []
        if os.path.exists(report):
            os.remove(report)
        if p.returncode != 3:
            what = f"signal {-p.returncode}" if p.returncode < 0 else f"exit {p.returncode}"
            problems.append(f"point {i}: {what}, expected exit 3")
        if "out of memory" not in err or "sectorsim: " not in err:
            problems.append(f"point {i}: no out-of-memory message on stderr")
        left = sorted(set(os.listdir(folder)) - before)
        if left:
            problems.append(f"point {i}: left {left}")
        if problems:
            problems.append(f"point {i}: stderr: {err[-600:]!r}")
        return i, p.returncode, problems
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if os.path.exists(folder + ".report"):
            os.remove(folder + ".report")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("src")
    ap.add_argument("command", choices=["run", "compare", "summarize"])
    ap.add_argument("--stride", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    args.bin, args.src = os.path.abspath(args.bin), os.path.abspath(args.src)
    base = tempfile.mkdtemp(prefix="inject_alloc.")
    try:
        if args.command == "summarize":
            p = subprocess.run(command_line(args.bin, args.src, "compare", base,
                                            os.path.join(base, "input.h5")),
                               capture_output=True, text=True)
            if p.returncode != 0:
                print("cannot make the input file:", p.stderr)
                return 1
        # the count: the same run without a failure
        report = os.path.join(base, "report.txt")
        folder = tempfile.mkdtemp(dir=base)
        if args.command == "summarize":
            shutil.copy(os.path.join(base, "input.h5"), folder)
        out = os.path.join(folder, "out.h5" if args.command != "summarize" else "csv")
        p = subprocess.run(command_line(args.bin, args.src, args.command, folder, out),
                           env=dict(os.environ, SSIM_INJECT_REPORT=report), capture_output=True,
                           text=True, cwd=folder)
        if p.returncode != 0:
            print(f"the run without a failure exits {p.returncode}: {p.stderr}")
            return 1
        counts = dict(line.split() for line in open(report))
        n = int(counts["alloc"])
        if n < 50:
            print(f"only {n} allocations counted: is the hook wired?")
            return 1
        points = list(range(1, n + 1, args.stride))
        if points[-1] != n:
            points.append(n)
        codes, failures = {}, []
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = []
            for i, rc, problems in pool.map(lambda i: run_point(args, base, i), points):
                codes[rc] = codes.get(rc, 0) + 1
                failures += problems
                results.append((i, rc))
        unreached = [i for i, rc in results if rc == "not reached"]
        if unreached and min(unreached) <= n - 8:
            failures.append(f"points {unreached} not reached: more than the last few "
                            f"allocations vary between runs")
        for line in failures[:60]:
            print(line)
        summary = ", ".join(f"exit {rc}: {k}" if isinstance(rc, int) else f"{rc or 'hung'}: {k}"
                            for rc, k in sorted(codes.items(), key=lambda kv: str(kv[0])))
        print(f"{args.command}: {n} allocations; {len(points)} points swept "
              f"(stride {args.stride}); {summary}")
        return 1 if failures else 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
