#!/usr/bin/python3
"""Build the seed corpora of the network and scenario harnesses from the
repository's test inputs (docs/testing.md "Fuzzing").  Run from anywhere;
writes tests/fuzz/corpus/{network,scenario}/seed-* and the Japan subset
network tests/fuzz/networks/japan40/ that scenarios naming the Japan network
run on (fuzz_scenario.c).  The results files' seeds are files written by
sectorsim (docs/testing.md "Fuzzing" says how); this script only rewrites
seed-econ as seed-econ-v1-headers, with version-1 object headers (no
checksums, so that byte flips reach dataset shapes), through h5py.

A network seed is the four files operators, suppliers, supply, dependencies
joined by the line "%%" (fuzz_network.c); an absent file is an empty part.
The Japan network (2 MB) enters as a consistent subset: its first 40
operators, every supplier, and the edges between them.
"""
import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FILES = ["operators.csv", "suppliers.csv", "supply.csv", "dependencies.csv"]
SEP = b"%%\n"


def join(parts):
    return SEP.join(parts)


def from_dir(d):
    parts = []
    for f in FILES:
        p = os.path.join(d, f)
        parts.append(open(p, "rb").read() if os.path.exists(p) else b"")
    return join(parts)


def japan_subset(d, n_ops=40):
    def rows(f):
        with open(os.path.join(d, f), newline="", encoding="utf-8") as fh:
            return list(csv.reader(fh))

    def text(table):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(table)
        return out.getvalue().encode()

    ops, sups, supply, deps = (rows(f) for f in FILES)
    ops = ops[: n_ops + 1]
    nodes = {r[0] for r in ops[1:]} | {r[0] for r in sups[1:]}
    op_ids = {r[0] for r in ops[1:]}
    supply = supply[:1] + [r for r in supply[1:] if r[1] in nodes]
    deps = deps[:1] + [r for r in deps[1:] if r[0] in op_ids and r[1] in op_ids]
    return join([text(ops), text(sups), text(supply), text(deps)])


def write(out, seeds):
    os.makedirs(out, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as fh:
            fh.write(data)
    print(f"{len(seeds)} seeds in {out}", file=sys.stderr)


def scenario_seeds():
    """Every scenario file of the tests and examples; the Japan scenarios and
    a tiny one also with an options file after the separator."""
    seeds = {}
    dirs = [("bad", os.path.join(ROOT, "tests", "bad_inputs", "scenario")),
            ("test", os.path.join(ROOT, "tests", "scenarios")),
            ("japan", os.path.join(ROOT, "scenarios", "japan"))]
    for tag, d in dirs:
        for f in sorted(os.listdir(d)):
            if f.endswith((".yaml", ".json")):
                seeds[f"seed-{tag}-{f}"] = open(os.path.join(d, f), "rb").read()
    for ex in ("tiny", "diim"):
        seeds[f"seed-example-{ex}.yaml"] = open(
            os.path.join(ROOT, "scenarios", "examples", ex, "scenario.yaml"), "rb").read()
    seeds["seed-resolved.json"] = open(
        os.path.join(ROOT, "tests", "unit", "resolved_kernel_economic.json"), "rb").read()
    options = os.path.join(ROOT, "scenarios", "japan", "regulation_options.yaml")
    for f in ("baseline.yaml", "crowdstrike.yaml"):
        seeds[f"seed-japan-{f}-options"] = join(
            [open(os.path.join(ROOT, "scenarios", "japan", f), "rb").read(),
             open(options, "rb").read()])
    tests = os.path.join(ROOT, "tests", "scenarios")
    seeds["seed-test-stochastic-options"] = join(
        [open(os.path.join(tests, "stochastic.yaml"), "rb").read(),
         open(os.path.join(tests, "tiny_options.yaml"), "rb").read()])
    return seeds


def v1_headers(src, dst):
    import h5py  # only here: the other seeds need no HDF5

    with h5py.File(src, "r") as s, h5py.File(dst, "w", libver="earliest") as d:
        def attrs(a, b):
            for k in a.attrs:
                b.attrs.create(k, a.attrs[k], dtype=a.attrs.get_id(k).dtype)

        def visit(name, obj):
            if isinstance(obj, h5py.Group):
                attrs(obj, d.require_group(name))
            else:
                attrs(obj, d.create_dataset(name, data=obj[()], dtype=obj.dtype))

        attrs(s, d)
        s.visititems(visit)


def main():
    japan = japan_subset(os.path.join(ROOT, "scenarios", "data", "japan", "network"))
    net_dir = os.path.join(HERE, "networks", "japan40")
    os.makedirs(net_dir, exist_ok=True)
    for f, data in zip(FILES, japan.split(SEP)):
        with open(os.path.join(net_dir, f), "wb") as fh:
            fh.write(data)
    write(os.path.join(HERE, "corpus", "scenario"), scenario_seeds())
    out = os.path.join(HERE, "corpus", "network")
    seeds = {}
    bad = os.path.join(ROOT, "tests", "bad_inputs", "network")
    for case in sorted(os.listdir(bad)):
        if os.path.isdir(os.path.join(bad, case)):
            seeds["seed-bad-" + case] = from_dir(os.path.join(bad, case))
    seeds["seed-tiny"] = from_dir(os.path.join(ROOT, "scenarios", "examples", "tiny", "network"))
    seeds["seed-coupled-er-200"] = from_dir(
        os.path.join(ROOT, "tests", "scenarios", "kernels", "coupled_er_200"))
    seeds["seed-japan-40"] = japan
    write(out, seeds)
    h5 = os.path.join(HERE, "corpus", "h5read")
    v1_headers(os.path.join(h5, "seed-econ"), os.path.join(h5, "seed-econ-v1-headers"))


if __name__ == "__main__":
    main()
