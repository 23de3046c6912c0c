#!/usr/bin/python3
"""The hostile-input catalogue (issue 18): valid but extreme values at every
bound the loaders accept, names at the file system's limits, special files,
paths that alias inputs, and one step past each bound.

usage: hostile.py SECTORSIM SOURCE_DIR [CASE-NAME-SUBSTRING]

Each line of tests/hostile/cases.txt is

    NAME | EXIT | EXPECT | [VAR=VALUE ...] ARGS

and every case must: end within its timeout (never hang), never die of a
signal, exit with EXIT, and
  * exit != 0: print EXPECT (a substring: the file or option and the rule)
    on stderr, and leave the scratch folder exactly as it was (no file, no
    temporary);
  * exit 0: leave only the output it was asked for (@OUT@, or the network
    folder @GEN@), whose numbers are checked by EXPECT:
      =tiny        people_mean and every sector_mean equal the tiny example's
                   (every draw of the tiny example is fixed, so seed, trials
                   and threads cannot change them), and people_min ==
                   people_max
      =times:C:K   every sector's mean lost service (each in its own unit)
                   equals K x that of the earlier case C (the people count is
                   capped at the population, so it does not scale)
      bounded      0 <= people_min <= people_mean <= people_max <= the
                   population (2020 census) x horizon_hours, people_low_mean
                   <= people_mean <= people_high_mean, and per sector 0 <=
                   sector_mean and sector_cvar95 <= (customers of the
                   sector's operators) x horizon_hours
      network      @GEN@ holds a network that `sectorsim validate` accepts
      -            nothing more to check (the exit code and no stray file)
Placeholders: @TINY@ the tiny example scenario, @JAPAN@ the Japan baseline,
@OUT@ a scratch results file, @TINYH5@ the tiny example's results file,
@DIR@ the scratch folder, @GEN@ a network
folder in it, @NAME255@ / @NAME256@ a 255- / 256-byte file name in it,
@SC:F@ the tiny scenario on fixture network F, @NET:F@ fixture network F,
@SCEN:F@ scenario fixture F, @FACTS:F@ fact-table fixture F, @NULLDEV@ a
character device like /dev/null made in the scratch folder (root only; the
case is skipped otherwise), @FIFO@ a FIFO.  Fixtures are built below from
the tiny example and the bundled Japan facts, one value changed each.
"""
import csv
import os
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile

import h5py
import numpy as np

BIN, SRC = sys.argv[1], os.path.abspath(sys.argv[2])
ONLY = sys.argv[3] if len(sys.argv) > 3 else ""
TINY = os.path.join(SRC, "scenarios/examples/tiny/scenario.yaml")
TINY_NET = os.path.join(SRC, "scenarios/examples/tiny/network")
JAPAN = os.path.join(SRC, "scenarios/japan/baseline.yaml")
FACTS = os.path.join(SRC, "scenarios/data/japan/facts")
TIMEOUT = 60


def edit_net(root, name, file, column, value, rows=None):
    """A copy of the tiny network with `column` of `file` set to value
    (in every data row, or in rows: indices from 0)."""
    d = os.path.join(root, "net_" + name)
    shutil.copytree(TINY_NET, d)
    path = os.path.join(d, file)
    with open(path, newline="") as f:
        data = list(csv.reader(f))
    col = data[0].index(column)
    for i, row in enumerate(data[1:]):
        if rows is None or i in rows:
            row[col] = value(row[col]) if callable(value) else value
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(data)
    return d


def rename_id(root, name, old, new):
    """A copy of the tiny network with the id `old` renamed `new` everywhere."""
    d = os.path.join(root, "net_" + name)
    shutil.copytree(TINY_NET, d)
    for file in os.listdir(d):
        path = os.path.join(d, file)
        with open(path, newline="") as f:
            data = list(csv.reader(f))
        data = [[new if cell == old else cell for cell in row] for row in data]
        with open(path, "w", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(data)
    return d


def many_customers(root, name, extra):
    """The tiny network with every operator at 10^9 customers and `extra` more
    such operators, each supplied by the origin S_EDR at share 1 (defect 5:
    9 300 of them, all wiped, overflowed the model's 64-bit sums)."""
    d = edit_net(root, name, "operators.csv", "customers", "1000000000")
    with open(os.path.join(d, "operators.csv"), "a") as f:
        for i in range(extra):
            f.write(f"X{i},extra {i},telecom,13,1000000000,0\n")
    with open(os.path.join(d, "supply.csv"), "a") as f:
        for i in range(extra):
            f.write(f"S_EDR,X{i},auto,1,1,endpoint\n")
    return d


def scenario(root, name, net=TINY_NET, replace=()):
    """The tiny scenario on network net, with lines replaced (old, new)."""
    text = open(TINY).read()
    text = text.replace("\nnetwork: network\n", f"\nnetwork: {net}\n")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    path = os.path.join(root, f"sc_{name}.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def facts(root, name, file, old, new):
    d = os.path.join(root, "facts_" + name)
    shutil.copytree(FACTS, d)
    path = os.path.join(d, file)
    text = open(path).read()
    assert old in text, old
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))
    return d


def fixtures(root):
    nets = {
        "customers_max": edit_net(root, "customers_max", "operators.csv", "customers", "1000000000"),
        "customers_one": edit_net(root, "customers_one", "operators.csv", "customers", "1"),
        "customers_over": edit_net(root, "customers_over", "operators.csv", "customers",
                                   "1000000001", rows={0}),
        "customers_zero": edit_net(root, "customers_zero", "operators.csv", "customers", "0"),
        "lag_max": edit_net(root, "lag_max", "supply.csv", "install_lag_hours", "1000000"),
        "lag_over": edit_net(root, "lag_over", "supply.csv", "install_lag_hours", "1000000.5",
                             rows={0}),
        "lag_tiny": edit_net(root, "lag_tiny", "supply.csv", "install_lag_hours", "1e-300"),
        "share_tiny": edit_net(root, "share_tiny", "supply.csv", "share", "4.9e-324"),
        "share_over": edit_net(root, "share_over", "supply.csv", "share", "1.0000000000000002",
                               rows={0}),
        "buffer_max": edit_net(root, "buffer_max", "dependencies.csv", "buffer_hours", "1000000"),
        "loss_tiny": edit_net(root, "loss_tiny", "dependencies.csv", "loss", "4.9e-324"),
        "id_256": rename_id(root, "id_256", "E1", "P" * 256),
        "id_257": rename_id(root, "id_257", "E1", "P" * 257),
        "name_256": edit_net(root, "name_256", "operators.csv", "name", "N" * 256),
        # the network's customers at the total cap, 10^12 (10 + 990 operators), and past it
        "customers_total_max": many_customers(root, "customers_total_max", 990),
        "customers_total_over": many_customers(root, "customers_total_over", 9290),
    }
    scens = {
        "horizon_max": scenario(root, "horizon_max", replace=[
            ("horizon_hours: 72", "horizon_hours: 100000"),
            ("output_step_hours: 6", "output_step_hours: 1000")]),
        "horizon_over": scenario(root, "horizon_over", replace=[
            ("horizon_hours: 72", "horizon_hours: 100000.001")]),
        "steps_max": scenario(root, "steps_max", replace=[
            ("horizon_hours: 72", "horizon_hours: 100000"),
            ("output_step_hours: 6", "output_step_hours: 0.1")]),
        "steps_over": scenario(root, "steps_over", replace=[
            ("horizon_hours: 72", "horizon_hours: 100000"),
            ("output_step_hours: 6", "output_step_hours: 0.0999")]),
        "step_denormal": scenario(root, "step_denormal", replace=[
            ("output_step_hours: 6", "output_step_hours: 4.9e-324")]),
        "trials_over": scenario(root, "trials_over", replace=[("trials: 8", "trials: 100000001")]),
        "seed_over": scenario(root, "seed_over", replace=[
            ("seed: 42", "seed: 18446744073709551616")]),
        "seed_max": scenario(root, "seed_max", replace=[("seed: 42", "seed: 18446744073709551615")]),
        "network_is_file": scenario(root, "network_is_file", net=TINY),
        "wiper_total_max": scenario(root, "wiper_total_max", net=nets["customers_total_max"],
                                    replace=[("type: malicious_update", "type: wiper")]),
    }
    facts_ = {
        # two operator kinds with one id prefix: the generator writes duplicate ids
        "id_prefix_clash": facts(root, "id_prefix_clash", "operator_kinds.csv",
                                 ",GEN,Generation company,", ",TD,Generation company,"),
        # a per-kind total within the facts' bound whose operators pass the network's
        # per-operator cap: the generated network fails generate's check
        "customers_too_many": facts(root, "customers_too_many", "operator_kinds.csv",
                                    ",total,31000000,", ",total,1000000000000,"),
    }
    return nets, scens, facts_


def stats_of(path):
    """The national people statistics and the per-sector lost service of a results file."""
    with h5py.File(path, "r") as f:
        s = f["summary"]
        out = {k: float(s["people_" + k][()]) for k in ("mean", "min", "max", "low_mean", "high_mean")}
        out["sector_mean"] = s["sector_mean"][()]
        out["sector_cvar95"] = s["sector_cvar95"][()]
        out["horizon"] = float(f.attrs["horizon_hours"])
        n = f["network"]
        out["sector_customers"] = None
        if "operator_customers" in n:
            cust = np.zeros(len(out["sector_mean"]))
            np.add.at(cust, n["operator_sector"][()].astype(int), n["operator_customers"][()].astype(float))
            out["sector_customers"] = cust
        return out


def census_total():
    with open(os.path.join(FACTS, "prefectures.csv"), encoding="utf-8-sig") as fh:
        return sum(float(r["pop2020"]) for r in csv.DictReader(fh))


def listing(root):
    out = []
    for dirpath, dirs, files in os.walk(root):
        for n in dirs + files:
            p = os.path.join(dirpath, n)
            st = os.lstat(p)
            out.append((os.path.relpath(p, root), stat.S_IFMT(st.st_mode),
                        st.st_size if stat.S_ISREG(st.st_mode) else 0, st.st_mtime_ns))
    return sorted(out)


def main():
    failures, count, skipped = [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        fixdir = os.path.join(tmp, "fixtures")
        os.mkdir(fixdir)
        nets, scens, facts_ = fixtures(fixdir)
        ref = os.path.join(fixdir, "tiny_ref.h5")
        subprocess.run([BIN, "run", TINY, "-o", ref, "--quiet"], check=True, capture_output=True)
        tiny_total = stats_of(ref)
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        fifo = os.path.join(fixdir, "fifo")
        os.mkfifo(fifo)
        nulldev = os.path.join(fixdir, "null")
        try:
            os.mknod(nulldev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except OSError:
            nulldev = None
        totals = {}
        lines = open(os.path.join(SRC, "tests/hostile/cases.txt")).read().splitlines()
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            name, code, expect, args = (x.strip() for x in line.split("|", 3))
            if ONLY and ONLY not in name:
                continue
            if "@NULLDEV@" in args and not nulldev:
                skipped += 1
                continue
            count += 1
            out = os.path.join(work, "out.h5")
            gen = os.path.join(work, "gen")
            subst = {"@TINY@": TINY, "@JAPAN@": JAPAN, "@OUT@": out, "@DIR@": work,
                     "@GEN@": gen, "@NAME255@": os.path.join(work, "n" * 252 + ".h5"),
                     "@NAME256@": os.path.join(work, "n" * 253 + ".h5"), "@FIFO@": fifo,
                     "@NULLDEV@": nulldev or "", "@SRC@": SRC, "@TINYH5@": ref}
            words = shlex.split(args)
            env = dict(os.environ)
            while words and "=" in words[0] and not words[0].startswith("-"):
                k, v = words.pop(0).split("=", 1)
                env[k] = v
            argv = []
            for w in words:
                for k, v in subst.items():
                    w = w.replace(k, v)
                for prefix, table in (("@SC:", nets), ("@NET:", nets), ("@SCEN:", scens),
                                      ("@FACTS:", facts_)):
                    if w.startswith(prefix):
                        key = w[len(prefix):-1]
                        w = scenario(fixdir, "on_" + key, net=table[key]) if prefix == "@SC:" \
                            else table[key]
                argv.append(w)
            before = listing(work)
            try:
                p = subprocess.run([BIN] + argv, capture_output=True, text=True, timeout=TIMEOUT,
                                   env=env)
            except subprocess.TimeoutExpired:
                failures.append(f"{name}: no answer within {TIMEOUT} s (a hang)")
                shutil.rmtree(work)
                os.mkdir(work)
                continue
            problems = []
            if p.returncode < 0:
                problems.append(f"killed by signal {-p.returncode}")
            elif p.returncode != int(code):
                problems.append(f"exit {p.returncode}, expected {code}")
            after = listing(work)
            made = sorted({x[0] for x in after} - {x[0] for x in before})
            if int(code) != 0:
                if expect not in p.stderr:
                    problems.append(f"stderr lacks {expect!r}")
                if after != before:
                    problems.append(f"the scratch folder changed: {made}")
            elif not problems:
                problems += check_result(expect, name, out, gen, argv, made, tiny_total, totals)
            if problems:
                failures.append(f"{name}: {'; '.join(problems)}\n    stderr: {p.stderr.strip()[-600:]}")
            else:
                print(f"ok   {name} (exit {p.returncode})")
            for n in os.listdir(work):
                full = os.path.join(work, n)
                shutil.rmtree(full) if os.path.isdir(full) and not os.path.islink(full) \
                    else os.unlink(full)
    for f in failures:
        print("FAIL " + f)
    print(f"hostile inputs: {count} cases, {skipped} skipped (not root), {len(failures)} failed")
    return 1 if failures else 0


def check_result(expect, name, out, gen, argv, made, tiny_total, totals):
    """The checks of a case that exited 0 (see the module text)."""
    problems = []
    wanted = {os.path.basename(out)} if "-o" in argv and out in argv else set()
    h5 = out if out in argv else next((a for a in argv if a.endswith(".h5") and "/work/" in a), None)
    if h5:
        wanted = {os.path.relpath(h5, os.path.dirname(out))}
    if gen in argv:
        wanted = {x for x in made if x == "gen" or x.startswith("gen/")}
        four = ["operators.csv", "suppliers.csv", "supply.csv", "dependencies.csv"]
        optional = ["sectors.csv", "coupling.csv", "population.csv", "service_areas.csv"]
        if sorted(os.listdir(gen)) not in (sorted(four), sorted(four + optional)):
            problems.append(f"the network folder holds {sorted(os.listdir(gen))}")
    stray = [x for x in made if x not in wanted]
    if stray:
        problems.append(f"files left besides the output: {stray}")
    if expect == "-" or expect == "network":
        if expect == "network":
            sc = os.path.join(os.path.dirname(gen), "check.yaml")
            with open(sc, "w") as f:
                f.write(open(TINY).read().replace("\nnetwork: network\n", f"\nnetwork: {gen}\n"))
            v = subprocess.run([BIN, "info", gen], capture_output=True, text=True, timeout=TIMEOUT)
            os.unlink(sc)
            if v.returncode != 0:
                problems.append(f"info on the generated network: exit {v.returncode}")
        return problems
    if not h5 or not os.path.exists(h5):
        return problems + ["no results file"]
    st = stats_of(h5)
    totals[name] = st
    mean, lo, hi = st["mean"], st["min"], st["max"]
    if expect == "=tiny":
        if (mean != tiny_total["mean"] or lo != hi
                or not np.array_equal(st["sector_mean"], tiny_total["sector_mean"])):
            problems.append(f"people_mean {mean!r} (min {lo!r}, max {hi!r}), sector_mean "
                            f"{st['sector_mean'].tolist()}: expected the tiny example's "
                            f"{tiny_total['mean']!r} in every trial and its sector means")
    elif expect.startswith("=times:"):
        _, other, factor = expect.split(":")
        base = totals.get(other)
        want = base["sector_mean"] * float(factor) if base else None
        if want is None or not np.all(np.abs(st["sector_mean"] - want) <= 1e-12 * np.abs(want)) \
                or not want.any():
            problems.append(f"sector_mean {st['sector_mean'].tolist()}, expected {factor} x "
                            f"{other}'s = {None if want is None else want.tolist()}")
    elif expect == "bounded":
        bound = census_total() * st["horizon"]
        # the mean of equal non-integer values carries the rounding of their sum (an ulp)
        ulp = 1e-12 * abs(mean)
        if not (0 <= lo <= mean + ulp and mean <= hi + ulp and hi <= bound):
            problems.append(f"people out of bounds: min {lo!r} mean {mean!r} max {hi!r}, "
                            f"population x horizon {bound!r}")
        if not (st["low_mean"] <= mean * (1 + 1e-12) and mean <= st["high_mean"] * (1 + 1e-12)):
            problems.append(f"people_mean {mean!r} outside its bounds "
                            f"{st['low_mean']!r} .. {st['high_mean']!r}")
        if st["sector_customers"] is not None:
            sb = st["sector_customers"] * st["horizon"]
            if (st["sector_mean"] < 0).any() or (st["sector_cvar95"] > sb * (1 + 1e-12)).any():
                problems.append(f"sector lost service out of bounds: mean {st['sector_mean'].tolist()}, "
                                f"cvar95 {st['sector_cvar95'].tolist()}, customers x horizon {sb.tolist()}")
    else:
        problems.append(f"unknown check {expect!r}")
    return problems


if __name__ == "__main__":
    sys.exit(main())
