#!/usr/bin/python3
"""Tables of a benchmarks/run.sh run: /usr/bin/python3 benchmarks/report.py OUTDIR

Reads OUTDIR/machine.txt, results.csv and gen.csv and prints Markdown:
the independent cascade against its peers (trials/s, arcs scanned/s, ns per
activated node, mean final size +- standard error, the ratio sectorsim / peer
at equal thread count and the agreement check |difference| <= 3 SE), the 1 -> 2
thread scaling, the supply-chain rows, generation and loading, memory.
"""
import csv
import math
import sys


def f(x, nd=3):
    try:
        v = float(x)
    except (TypeError, ValueError):
        return "–"
    if v == 0:
        return "0"
    if abs(v) >= 1e6:
        return f"{v / 1e6:.{nd}g} M"
    return f"{v:.{nd}g}"


def main():
    out = sys.argv[1]
    print("## Machine\n")
    with open(f"{out}/machine.txt") as fh:
        for line in fh:
            print(f"- {line.strip()}")
    rows = list(csv.DictReader(open(f"{out}/results.csv")))
    ic = [r for r in rows if r["model"] != "supply_chain"]
    sc = [r for r in rows if r["model"] == "supply_chain"]
    key = lambda r: (r["label"], r["p"], r["threads"])
    ours = {key(r): r for r in ic if r["model"] == "independent_cascade"}
    geo = {key(r): r for r in ic if r["model"] == "independent_cascade_geometric"}
    print("\n## Independent cascade, BA (m = 5, 10 seeds)\n")
    print("trials/s from the median of the repeats (sectorsim) or one run (peers); "
          "edge / geometric = sectorsim with kernel.sampling edge or geometric; "
          "ratios are sectorsim ÷ this row at the same thread count (networkx: 1 thread); "
          "agreement: |mean - sectorsim (edge) mean| / combined SE (must be <= 3).\n")
    print("| graph | p | implementation | threads | trials | trials/s | arcs scanned/s | "
          "ns per activated node | trials per CPU-s | mean final size ± SE | edge / this | "
          "geometric / this | agreement (SE) | hash |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    names = {"independent_cascade": "sectorsim (edge)",
             "independent_cascade_geometric": "sectorsim (geometric)"}
    for r in ic:
        k = (r["label"], r["p"], "1") if r["model"] == "networkx" else key(r)
        me, mg = ours.get(k), geo.get(k)
        ratio_e = ratio_g = agree = "–"
        if me and r is not me:
            ratio_e = f(float(me["trials_per_s"]) / float(r["trials_per_s"]))
            se = math.hypot(float(me["se_size"]), float(r["se_size"]))
            d = abs(float(me["mean_size"]) - float(r["mean_size"]))
            agree = f"{d / se:.2f}" + (" ok" if d <= 3 * se else " **NO**") if se > 0 else \
                ("exact" if d == 0 else "**NO**")
        if mg and r is not mg:
            ratio_g = f(float(mg["trials_per_s"]) / float(r["trials_per_s"]))
        print(f"| {r['label']} | {r['p']} | {names.get(r['model'], r['model'])} | "
              f"{r['threads']} | {r['trials']} | "
              f"{f(r['trials_per_s'])} | {f(r['arcs_per_s'])} | {f(r['ns_per_activated'])} | "
              f"{f(r.get('trials_per_cpu_s'))} | {f(r['mean_size'], 5)} ± {f(r['se_size'])} | "
              f"{ratio_e} | {ratio_g} | {agree} | {r['hash'] or '–'} |")
    print("\n## Thread scaling (sectorsim, trials/s at N threads / 1 thread)\n")
    print("| case | threads | trials/s | speed-up over 1 thread |\n|---|---|---|---|")
    for name, table in (("IC", ours), ("IC geometric", geo)):
        for k, r in table.items():
            one = table.get((k[0], k[1], "1"))
            if k[2] != "1" and one:
                print(f"| {name} {k[0]} p={k[1]} | {k[2]} | {f(r['trials_per_s'])} | "
                      f"{float(r['trials_per_s']) / float(one['trials_per_s']):.2f}× |")
    byj = {(r["label"], r["output"], r["threads"]): r for r in sc}
    for (lab, outp, th), r in byj.items():
        one = byj.get((lab, outp, "1"))
        if th != "1" and one:
            print(f"| supply_chain {lab} {outp} | {th} | {f(r['trials_per_s'])} | "
                  f"{float(r['trials_per_s']) / float(one['trials_per_s']):.2f}× |")
    if sc:
        print("\n## Supply-chain model, Japan network\n")
        print("| network | operators | output | threads | trials | trials/s | trials/min | "
              "events/s | trials per CPU-s | result bytes/trial | mean operators out ± SE | hash |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for r in sc:
            print(f"| {r['label']} | {r['operators']} | {r['output']} | {r['threads']} | "
                  f"{r['trials']} | {f(r['trials_per_s'])} | "
                  f"{f(60 * float(r['trials_per_s']))} | {f(r['events_per_s'])} | "
                  f"{f(r.get('trials_per_cpu_s'))} | "
                  f"{f(r['result_bytes_per_trial'])} | {f(r['mean_size'], 5)} ± "
                  f"{f(r['se_size'])} | {r['hash']} |")
    gens = list(csv.DictReader(open(f"{out}/gen.csv")))
    if gens:
        print("\n## Generation, loading and memory\n")
        print("| network | operators | generate s | generate peak RSS MB | CSV MB | load s | "
              "graph s | benchmark peak RSS MB |")
        print("|---|---|---|---|---|---|---|---|")
        for g in gens:
            print(f"| {g['network']} | {g['nodes']} | {g['gen_s']} | {g['gen_rss_mb']} | "
                  f"{g['csv_mb']} | {g['load_s']} | {g['graph_s']} | {g['bench_rss_mb']} |")
    print("\nIndependent cascade, frozen graph: edge sampling 8 B per arc (target, "
          "dependency) + 4 B per operator (offsets), + 8 B per dependency with "
          "probability_from: loss; geometric sampling 4 B per arc + 4 B per operator (+ 4 B "
          "per arc, 8 B per dependency and 16 B per operator with loss); both + 8 B per "
          "operator for the result row's packed records; per-thread "
          "workspace: n/8 B bitmap + 4 n B queue + n B seed flags.")


if __name__ == "__main__":
    main()
