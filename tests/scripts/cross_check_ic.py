#!/usr/bin/python3
"""Cross-check of the independent_cascade model against an independent
implementation built on Debian's networkx (python3-networkx).

For each configuration below, sectorsim runs the scenario on NETWORK_DIR and
its per-trial results are read back with h5py.  The independent
implementation reads the same CSV files into a networkx multigraph, and in
each trial draws every dependency edge open with probability p (numpy's
PCG64, a different generator), then takes the operators reachable from the
same seed operators through open edges (nx.descendants / node_connected_component
on the open-edge subgraph): bond percolation computed by reachability, not by
sectorsim's breadth-first coin flips.  The mean outbreak size and the mean
number of telecom operators out must agree within 3 standard errors of the
difference (sqrt(se1^2 + se2^2)).

usage: cross_check_ic.py SECTORSIM NETWORK_DIR
"""
import csv
import math
import os
import subprocess
import sys
import tempfile

import h5py
import networkx as nx
import numpy as np

TRIALS = 3000
CONFIGS = [  # (direction, p, sectorsim seed, numpy seed)
    ("directed", 0.45, 11, 101),
    ("undirected", 0.12, 12, 102),
    ("undirected", 0.25, 13, 103),
]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def load(net_dir):
    ops = read_csv(os.path.join(net_dir, "operators.csv"))
    deps = read_csv(os.path.join(net_dir, "dependencies.csv"))
    supply = read_csv(os.path.join(net_dir, "supply.csv"))
    sector = {o["id"]: o["sector"] for o in ops}
    edges = [(d["provider"], d["operator"]) for d in deps]  # failure flows provider -> dependent
    return sector, edges, supply


def networkx_ic(sector, edges, seeds, undirected, p, trials, rng):
    """Per-trial outbreak size and telecom operators out, by reachability."""
    g = nx.MultiGraph() if undirected else nx.MultiDiGraph()
    g.add_nodes_from(sector)
    keys = [g.add_edge(u, v) for u, v in edges]
    sizes, telecom = np.empty(trials), np.empty(trials)
    for t in range(trials):
        open_ = rng.random(len(edges)) < p
        h = g.edge_subgraph([(u, v, k) for (u, v), k, o in zip(edges, keys, open_) if o])
        out = set(seeds)
        for s in seeds:
            if s in h:
                out |= nx.node_connected_component(h, s) if undirected else nx.descendants(h, s)
        sizes[t] = len(out)
        telecom[t] = sum(sector[x] == "telecom" for x in out)
    return sizes, telecom


def sectorsim_ic(bin_, net_dir, direction, p, seed, tmp):
    scenario = os.path.join(tmp, f"ic_{direction}.yaml")
    with open(scenario, "w", encoding="utf-8") as f:
        f.write(f"name: IC cross-check\nnetwork: {os.path.abspath(net_dir)}\n"
                f"model: independent_cascade\ntrials: {TRIALS}\nseed: {seed}\n"
                "horizon_hours: 1\noutput_step_hours: 1\n"
                "incident: { origin: { suppliers: [V1] } }\n"
                f"kernel: {{ direction: {direction}, edge_probability: {p} }}\n"
                "output: { time_series: false }\n")
    out = os.path.join(tmp, f"ic_{direction}.h5")
    subprocess.run([bin_, "run", scenario, "-o", out, "--quiet", "--threads", "2"], check=True,
                   stdout=subprocess.DEVNULL)
    with h5py.File(out, "r") as f:
        names = [s.decode() if isinstance(s, bytes) else s for s in f["network/sector_name"][()]]
        sizes = f["results/operators_out"][()].astype(float)
        telecom = f["results/sector_out"][()][:, names.index("telecom")].astype(float)
    return sizes, telecom


def agree(label, a, b):
    se = math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    ok = abs(a.mean() - b.mean()) <= 3 * se
    print(f"{label}: sectorsim {a.mean():.4f}, networkx {b.mean():.4f}, |diff| "
          f"{abs(a.mean() - b.mean()):.4f} <= 3 se = {3 * se:.4f}: {'pass' if ok else 'FAIL'}")
    return ok


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    bin_, net_dir = argv[1], argv[2]
    sector, edges, supply = load(net_dir)
    seeds = sorted({s["customer"] for s in supply if s["supplier"] == "V1" and s["customer"] in sector})
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for direction, p, seed, np_seed in CONFIGS:
            a_size, a_tel = sectorsim_ic(bin_, net_dir, direction, p, seed, tmp)
            b_size, b_tel = networkx_ic(sector, edges, seeds, direction == "undirected", p, TRIALS,
                                        np.random.Generator(np.random.PCG64(np_seed)))
            ok &= agree(f"{direction} p={p} mean outbreak size", a_size, b_size)
            ok &= agree(f"{direction} p={p} mean telecom operators out", a_tel, b_tel)
            ok &= a_size.max() > 20  # the configuration does spread
    print("IC cross-check against networkx:", "pass" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
