#!/usr/bin/python3
"""Compromised-install funnel of a Japan archetype run, checked against its
documented calibration range.

usage: check_funnel.py RESULTS.h5 [--funnel LO HI] [--amplification LO HI]

Reads the results file only (h5py): the network tables in /network, the
per-trial counts in /results and the resolved configuration in /provenance.

  reach          operators the origin suppliers can reach through the channels
                 the scenario enables: their direct operator customers when
                 incident.transitive.probability is 0, else every operator
                 downstream through supply edges (vendor of vendor included)
  funnel         mean(operators_compromised) / reach
  amplification  mean(operators_compromised) / mean(suppliers_compromised -
                 number of origins): operators compromised per compromised
                 intermediate supplier (Kaseya: per compromised MSP)

Prints the measured values; exits 1 when one is outside its range, 2 on bad
usage or an unreadable file.
"""
import json
import sys

import h5py
import numpy as np


def reach(f, origins, transitive):
    net = f["network"]
    n_ops = net["operator_id"].shape[0]
    sup_ids = [s.decode() if isinstance(s, bytes) else s for s in net["supplier_id"][()]]
    src = net["supply_supplier"][()]
    dst = net["supply_customer"][()]
    out = {}
    for s, c in zip(src, dst):
        out.setdefault(int(s), []).append(int(c))
    start = [sup_ids.index(o) for o in origins]
    seen_sup, ops = set(start), set()
    stack = list(start)
    while stack:
        s = stack.pop()
        for c in out.get(s, []):
            if c < n_ops:
                ops.add(c)
            elif transitive and (c - n_ops) not in seen_sup:
                seen_sup.add(c - n_ops)
                stack.append(c - n_ops)
    return len(ops)


def parse_args(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    ranges = {}
    k = 2
    while k < len(argv):
        if argv[k] not in ("--funnel", "--amplification") or k + 2 >= len(argv):
            raise SystemExit(__doc__)
        ranges[argv[k][2:]] = (float(argv[k + 1]), float(argv[k + 2]))
        k += 3
    return argv[1], ranges


def main(argv):
    path, ranges = parse_args(argv)
    with h5py.File(path, "r") as f:
        cfg = json.loads(f["provenance/resolved_config_json"][()])
        origins = cfg["incident"]["origin"]["suppliers"]
        transitive = cfg["incident"]["transitive"]["probability"] > 0
        ops = f["results/operators_compromised"][()].astype(float)
        sups = f["results/suppliers_compromised"][()].astype(float)
        n_reach = reach(f, origins, transitive)
    measured = {"funnel": ops.mean() / n_reach}
    inter = sups.mean() - len(origins)
    measured["amplification"] = ops.mean() / inter if inter > 0 else float("nan")
    print(f"{path}: trials {ops.size}, reach {n_reach} operators "
          f"({'vendor of vendor' if transitive else 'direct customers'}), "
          f"mean operators compromised {ops.mean():.1f}, "
          f"mean intermediate suppliers compromised {inter:.2f}")
    bad = 0
    for name, value in measured.items():
        lo, hi = ranges.get(name, (None, None))
        verdict = "" if lo is None else ("ok" if lo <= value <= hi else "OUT OF RANGE")
        span = "" if lo is None else f" target [{lo:g}, {hi:g}]"
        print(f"  {name:14s} {value:.4f}{span} {verdict}")
        bad |= verdict == "OUT OF RANGE" or (lo is not None and not np.isfinite(value))
    return 1 if bad else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (OSError, KeyError, ValueError) as e:
        print(f"check_funnel.py: {e}", file=sys.stderr)
        sys.exit(2)
