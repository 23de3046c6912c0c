#!/usr/bin/python3
"""Peers of sectorsim's independent_cascade kernel (a benchmark, not a test).

    /usr/bin/python3 benchmarks/peers_ic.py ARCS_FILE --impl graph-tool|networkx
        [--p 0.01,0.05,0.1] [--trials N] [--threads 1,2] [--repeat R] [--label TEXT]
        [--seed S]

ARCS_FILE is what `ssim_bench_run --dump-arcs` writes (benchmarks/bench_run.c):
the same operators, arcs and seed operators sectorsim runs on.  Each arc
(provider -> dependent) of a generated BA network has its reverse arc, so the
graph is the undirected graph of the pairs; the model is the independent
cascade with one coin per direction, which is exactly SIR with
transmissibility p and recovery after one step:

  graph-tool  graph_tool.dynamics.SIRState(g, beta=p, gamma=1, s=seeds
              infected), iterate_sync() until it returns 0 (no state changed);
              the state is rebuilt each trial (graph-tool's own O(N) cost);
              threads via graph_tool.openmp_set_num_threads.
  networkx    a plain Python breadth-first loop over a networkx.Graph, one
              random.random() per arc to a not-yet-failed node (1 thread).

Prints one CSV row per (p, threads) with the columns of ssim_bench_run
(header with SSIM_BENCH_HEADER set); fields a peer has no value for are
empty.  Times are the trial loop only (graph construction excluded), median of
--repeat runs; the final-size mean and standard error come from all trials of
the last run.  Debian's /usr/bin/python3 (python3-graph-tool,
python3-networkx, python3-numpy).
"""
import argparse
import os
import random
import resource
import statistics
import sys
import time

import numpy as np

HEADER = ("label,model,operators,deps,arcs,p,output,threads,trials,repeat,median_s,min_s,"
          "trials_per_s,events_per_s,mean_size,se_size,arcs_per_trial,arcs_per_s,"
          "ns_per_activated,hash,result_bytes_per_trial,load_s,graph_s,prepare_s,rss_mb,cpu_s,"
          "trials_per_cpu_s")


def read_arcs(path):
    with open(path, "rb") as f:
        n, m, k = np.frombuffer(f.read(24), dtype="<i8")
        arcs = np.frombuffer(f.read(8 * int(m)), dtype="<i4").reshape(-1, 2)
        seeds = np.frombuffer(f.read(4 * int(k)), dtype="<i4")
    return int(n), arcs, seeds.copy()


def undirected_pairs(arcs):
    """Each unordered pair once (the file holds both directions)."""
    keep = arcs[:, 0] < arcs[:, 1]
    return arcs[keep]


def run_graph_tool(n, pairs, seeds, deg, p, trials, threads, rng_seed):
    import graph_tool as gt
    from graph_tool.dynamics import SIRState
    gt.openmp_set_num_threads(threads)
    gt.seed_rng(rng_seed)
    g = gt.Graph(directed=False)
    g.add_vertex(n)
    g.add_edge_list(pairs)
    s0 = g.new_vertex_property("int32_t")
    s0.a[seeds] = 1
    sizes, arcs = np.empty(trials), np.empty(trials)
    t0, c0 = time.perf_counter(), time.process_time()  # process: all threads
    for t in range(trials):
        s = s0.copy()
        state = SIRState(g, beta=p, gamma=1.0, s=s)
        while state.iterate_sync() > 0:
            pass
        a = state.get_state().a
        hit = a != 0  # recovered (2); no node is left infected
        sizes[t] = np.count_nonzero(hit)
        arcs[t] = deg[hit].sum()
    return time.perf_counter() - t0, time.process_time() - c0, sizes, arcs


def run_networkx(n, pairs, seeds, deg, p, trials, rng_seed):
    import networkx as nx
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(pairs.tolist())
    adj = g.adj
    rnd = random.Random(rng_seed)
    seed_list = [int(s) for s in seeds]
    degl = deg.tolist()
    sizes, arcs = np.empty(trials), np.empty(trials)
    t0, c0 = time.perf_counter(), time.process_time()  # process: all threads
    for t in range(trials):
        failed = set(seed_list)
        queue = list(seed_list)
        head = 0
        while head < len(queue):
            u = queue[head]
            head += 1
            for v in adj[u]:
                if v not in failed and rnd.random() < p:
                    failed.add(v)
                    queue.append(v)
        sizes[t] = len(queue)
        arcs[t] = sum(degl[u] for u in queue)
    return time.perf_counter() - t0, time.process_time() - c0, sizes, arcs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("arcs")
    ap.add_argument("--impl", choices=["graph-tool", "networkx"], required=True)
    ap.add_argument("--p", default="0.1")
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--threads", default="1")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--label", default="")
    ap.add_argument("--seed", type=int, default=20261126)
    a = ap.parse_args()
    t0 = time.perf_counter()
    n, arcs, seeds = read_arcs(a.arcs)
    pairs = undirected_pairs(arcs)
    load_s = time.perf_counter() - t0
    deg = np.bincount(arcs[:, 0], minlength=n).astype(np.float64)  # arcs leaving each node
    if os.environ.get("SSIM_BENCH_HEADER"):
        print(HEADER)
    for p in [float(x) for x in a.p.split(",")]:
        for threads in [int(x) for x in a.threads.split(",")]:
            if a.impl == "networkx" and threads != 1:
                continue
            times, cpus = [], []
            for r in range(a.repeat):
                if a.impl == "graph-tool":
                    el, cpu, sizes, arcs_t = run_graph_tool(n, pairs, seeds, deg, p, a.trials,
                                                       threads, a.seed + r)
                else:
                    el, cpu, sizes, arcs_t = run_networkx(n, pairs, seeds, deg, p, a.trials,
                                                     a.seed + r)
                times.append(el)
                cpus.append(cpu)
            med, cmed = statistics.median(times), statistics.median(cpus)
            mean = float(sizes.mean())
            se = float(sizes.std(ddof=1) / np.sqrt(len(sizes))) if len(sizes) > 1 else 0.0
            apt = float(arcs_t.mean())  # arcs leaving failed nodes, as ssim_bench_run
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{a.label},{a.impl},{n},{len(arcs)},{len(arcs)},{p:g},summary,{threads},"
                  f"{a.trials},{a.repeat},{med:.6g},{min(times):.6g},{a.trials / med:.6g},,"
                  f"{mean:.6g},{se:.4g},{apt:.6g},{apt * a.trials / med:.6g},{med * 1e9 / (a.trials * mean):.6g},,,"
                  f"{load_s:.3f},,,{rss:.1f},{cmed:.4g},{a.trials / cmed:.6g}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
