#!/usr/bin/python3
"""A run with and without per-trial rows gives the same summaries.

    /usr/bin/python3 tests/scripts/summary_only_same.py SECTORSIM SCENARIO TRIALS [THREADS]

Runs SCENARIO twice with the same seed: as written (per-trial rows, full result
storage) and with --summary-only (lean storage: the values that are only
averaged are summed per block of trials).  Outside /provenance and /results,
every dataset and attribute must be byte-identical, except
/summary/verification_hash, which must differ (the lean hash covers what lean
storage keeps), and the time-series summaries, which --summary-only turns off;
/results must be empty in the summary-only file.  The lines
the run prints (the summary) must be the same but for the hash.  Exit status 0
when so, 1 with the first difference otherwise.
"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

SKIP = ("/provenance", "/results")
HASH = "/summary/verification_hash"
# --summary-only also turns off output.time_series: these are only in the full file
TIME_SERIES = {"/summary/time", "/summary/ts_mean", "/summary/ts_p05", "/summary/ts_p50",
               "/summary/ts_p95", "/summary/economic_inoperability_mean"}


def skipped(path):
    return any(path == s or path.startswith(s + "/") for s in SKIP)


def objects(f):
    found = {"/": f}

    def visit(name, obj):
        if not skipped("/" + name):
            found["/" + name] = obj

    f.visititems(visit)
    return found


def same_attrs(a, b):
    keys = {k for k in a.attrs if k not in ("DIMENSION_LIST", "REFERENCE_LIST")}
    if keys != {k for k in b.attrs if k not in ("DIMENSION_LIST", "REFERENCE_LIST")}:
        return False
    return all(np.array_equal(np.asarray(a.attrs[k]), np.asarray(b.attrs[k])) for k in keys)


def raw(d):
    """A dataset's bytes (strings: their UTF-8 bytes, one after another)."""
    v = d[()]
    if isinstance(v, np.ndarray) and v.dtype.kind == "O":
        return b"\0".join(x if isinstance(x, bytes) else str(x).encode() for x in v.ravel())
    return np.asarray(v).tobytes()


def run(sectorsim, scenario, out, trials, threads, *extra):
    cmd = [sectorsim, "run", scenario, "-o", out, "--trials", trials, "--threads", threads,
           "--quiet", *extra]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr}")
    return [l for l in done.stdout.splitlines() if not l.startswith("verification hash:")]


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    sectorsim, scenario, trials = sys.argv[1:4]
    threads = sys.argv[4] if len(sys.argv) == 5 else "2"
    with tempfile.TemporaryDirectory() as tmp:
        full, lean = os.path.join(tmp, "full.h5"), os.path.join(tmp, "lean.h5")
        out_full = run(sectorsim, scenario, full, trials, threads)
        out_lean = run(sectorsim, scenario, lean, trials, threads, "--summary-only")
        if out_full != out_lean:
            diff = next(i for i, (a, b) in enumerate(zip(out_full + [""], out_lean + [""]))
                        if a != b)
            print(f"printed summary differs at line {diff + 1}:\n  {out_full[diff:diff + 1]}\n"
                  f"  {out_lean[diff:diff + 1]}")
            return 1
        with h5py.File(full) as a, h5py.File(lean) as b:
            if len(b["results"]) != 0:
                print("/results is not empty in the summary-only file")
                return 1
            oa, ob = objects(a), objects(b)
            extra = set(oa) - set(ob)
            if set(ob) - set(oa) or not extra <= TIME_SERIES:
                print(f"objects differ: {sorted(set(oa) ^ set(ob))}")
                return 1
            for path in extra:
                del oa[path]
            n = 0
            for path, x in sorted(oa.items()):
                y = ob[path]
                if not same_attrs(x, y):
                    print(f"{path}: attributes differ")
                    return 1
                if not isinstance(x, h5py.Dataset):
                    continue
                same = x.shape == y.shape and x.dtype == y.dtype and \
                    raw(x) == raw(y)
                if path == HASH:
                    if same:
                        print(f"{path}: the lean hash equals the full one")
                        return 1
                elif not same:
                    print(f"{path}: differs ({x[()]!r} against {y[()]!r})")
                    return 1
                n += 1
    print(f"summary-only: {n} datasets outside /results identical to the per-trial run's "
          f"({trials} trials, {threads} threads; the hash differs, as it should)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
