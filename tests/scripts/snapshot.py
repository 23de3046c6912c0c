#!/usr/bin/python3
"""Network snapshots end to end (docs/snapshot.md).

    snapshot.py BIN SOURCE_DIR CASE

CASE same:   `network pack` the tiny and the bundled Japan networks; `run` from
             the directory and from the snapshot (given by --network, and by
             the scenario's network key under a name without .ssn: found by
             its magic number) gives the same verification hash, results
             identical outside /provenance (h5compare.py) and the same input
             hashes, sizes and row counts in /provenance/inputs; `validate`
             and `info` accept the snapshot.
CASE bad:    damaged snapshots (truncated at many offsets, one byte flipped in
             the header and in each section, bad magic, another version,
             counts, offsets and values out of range under a valid checksum)
             are refused with exit 2 and a message naming the file, never a
             crash; `network pack` of a bad directory leaves no file.

The byte layout below mirrors engine/input/snapshot.c (format version 1).
"""
import hashlib
import os
import struct
import subprocess
import sys
import tempfile

import h5py

BIN, SRC, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
TINY_NET = os.path.join(SRC, "scenarios/examples/tiny/network")
TINY = os.path.join(SRC, "scenarios/examples/tiny/scenario.yaml")
STOCH = os.path.join(SRC, "tests/scenarios/stochastic.yaml")
JAPAN_NET = os.path.join(SRC, "scenarios/data/japan/network")
JAPAN = os.path.join(SRC, "scenarios/japan/baseline.yaml")
H5COMPARE = os.path.join(SRC, "tests/scripts/h5compare.py")

# header: magic, version, byte order, build[64], file_bytes, count[12],
# n_sections, header_bytes, entry[30] (offset, bytes, count, id, elem, sha[64]),
# sha[64]
N_COUNTS, N_SECTIONS = 12, 30
OFF_VERSION, OFF_FILE_BYTES, OFF_COUNTS = 8, 80, 88
OFF_ENTRIES = OFF_COUNTS + 8 * N_COUNTS + 8
ENTRY = 96
OFF_HSHA = OFF_ENTRIES + ENTRY * N_SECTIONS
HEADER = OFF_HSHA + 64
SUPPLY_SRC = 15  # section index of the supply edges' supplier indices

failures = []


def sh(*args, ok=(0,)):
    r = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=120)
    if r.returncode not in ok:
        failures.append(f"{' '.join(args)}: exit {r.returncode}\n{r.stdout}{r.stderr}")
    return r


def entries(data):
    out = []
    for s in range(N_SECTIONS):
        o = OFF_ENTRIES + ENTRY * s
        off, nbytes, count = struct.unpack_from("<QQQ", data, o)
        out.append((off, nbytes, count))
    return out


def reseal(data):
    """Recompute every section's checksum and the header's (a forger's file)."""
    data = bytearray(data)
    for s, (off, nbytes, _) in enumerate(entries(data)):
        if off + nbytes <= len(data):
            sha = hashlib.sha256(data[off:off + nbytes]).hexdigest().encode()
            data[OFF_ENTRIES + ENTRY * s + 32:OFF_ENTRIES + ENTRY * s + 96] = sha
    data[OFF_HSHA:OFF_HSHA + 64] = hashlib.sha256(data[:OFF_HSHA]).hexdigest().encode()
    return bytes(data)


def inputs(path):
    with h5py.File(path, "r") as f:
        g = f["/provenance/inputs"]
        return [list(g[k][1:]) for k in ("file", "sha256", "bytes", "rows")]


def same(tmp, name, scenario, net_dir, *extra):
    snap = os.path.join(tmp, name + ".ssn")
    sh("network", "pack", net_dir, "-o", snap, "-q")
    a, b = os.path.join(tmp, name + "_dir.h5"), os.path.join(tmp, name + "_snap.h5")
    ra = sh("run", scenario, "-o", a, "-q", *extra)
    rb = sh("run", scenario, "--network", snap, "-o", b, "-q", *extra)
    if "verification hash" not in ra.stdout or ra.stdout != rb.stdout:
        failures.append(f"{name}: outputs differ:\n{ra.stdout}\n---\n{rb.stdout}")
    r = subprocess.run([sys.executable, H5COMPARE, a, b], capture_output=True, text=True)
    if r.returncode:
        failures.append(f"{name}: {r.stdout}{r.stderr}")
    if inputs(a) != inputs(b):
        failures.append(f"{name}: /provenance/inputs differ: {inputs(a)} vs {inputs(b)}")
    v = sh("validate", scenario, "--network", snap, *extra)
    if "operators" not in v.stdout:
        failures.append(f"{name}: validate printed no shape:\n{v.stdout}")
    return snap


def case_same(tmp):
    snap = same(tmp, "tiny", TINY, TINY_NET)
    info = sh("info", snap)
    if "10 operators, 4 suppliers, 13 supply edges, 8 dependencies" not in info.stdout or \
            "snapshot: format version 1, written by sectorsim " not in info.stdout:
        failures.append("info on the tiny snapshot:\n" + info.stdout)
    # the scenario's network key, a name without .ssn
    plain = os.path.join(tmp, "tiny_snapshot_no_extension")
    os.link(snap, plain)
    scen = os.path.join(tmp, "stoch.yaml")
    with open(STOCH) as f:
        text = f.read().replace("network: ../../scenarios/examples/tiny/network",
                                "network: " + plain)
    with open(scen, "w") as f:
        f.write(text)
    a, b = os.path.join(tmp, "stoch_dir.h5"), os.path.join(tmp, "stoch_snap.h5")
    ra = sh("run", STOCH, "-o", a, "-q", "--trials", "500")
    rb = sh("run", scen, "-o", b, "-q", "--trials", "500")
    if ra.stdout != rb.stdout:
        failures.append(f"stochastic: outputs differ:\n{ra.stdout}\n---\n{rb.stdout}")
    r = subprocess.run([sys.executable, H5COMPARE, a, b], capture_output=True, text=True)
    if r.returncode:
        failures.append(f"stochastic: {r.stdout}{r.stderr}")
    japan = same(tmp, "japan", JAPAN, JAPAN_NET, "--trials", "200")
    info = sh("info", japan)
    if "4886 operators" not in info.stdout or "dependency cycles: 4" not in info.stdout:
        failures.append("info on the Japan snapshot:\n" + info.stdout)


def refused(tmp, label, data, want=None):
    path = os.path.join(tmp, "bad_" + label.replace(" ", "_") + ".ssn")
    with open(path, "wb") as f:
        f.write(data)
    r = subprocess.run([BIN, "validate", TINY, "--network", path], capture_output=True,
                       text=True, timeout=60)
    msg = r.stderr
    if r.returncode != 2 or path not in msg or (want and want not in msg) or \
            "Sanitizer" in msg or "runtime error" in msg:
        failures.append(f"{label}: exit {r.returncode}, wanted 2 naming {path}"
                        f"{' and ' + repr(want) if want else ''}:\n{msg}")
    os.unlink(path)


def case_bad(tmp):
    snap = os.path.join(tmp, "tiny.ssn")
    sh("network", "pack", TINY_NET, "-o", snap, "-q")
    with open(snap, "rb") as f:
        good = f.read()
    assert good == reseal(good), "reseal() does not match the writer's checksums"
    ents = entries(good)
    # truncated
    cuts = sorted({0, 1, 7, 8, 12, 15, 16, 100, HEADER - 1, HEADER, HEADER + 1,
                   len(good) // 2, len(good) - 64, len(good) - 1} |
                  {off for off, _, _ in ents} | {off + n // 2 for off, n, _ in ents})
    for cut in cuts:
        if cut < len(good):
            refused(tmp, f"truncated at {cut}", good[:cut])
    # one byte flipped: in the header fields, in each section, in padding
    def flip(at):
        d = bytearray(good)
        d[at] ^= 0x20
        return bytes(d)
    for at in (9, OFF_FILE_BYTES, OFF_COUNTS, OFF_ENTRIES + 3, OFF_HSHA + 5, HEADER + 1):
        refused(tmp, f"header byte {at} flipped", flip(at))
    for s, (off, nbytes, _) in enumerate(ents):
        if nbytes:
            refused(tmp, f"section {s} flipped", flip(off + nbytes // 2), "checksum")
    refused(tmp, "bad magic", b"PK" + good[2:], "not a directory nor a network snapshot")
    refused(tmp, "a CSV file", open(os.path.join(TINY_NET, "supply.csv"), "rb").read(),
            "not a directory")
    d = bytearray(good)
    struct.pack_into("<I", d, OFF_VERSION, 99)
    refused(tmp, "version 99", bytes(d), "re-pack")
    d = bytearray(good)
    struct.pack_into("<I", d, OFF_VERSION + 4, 0x04030201)
    refused(tmp, "byte order", bytes(d), "byte order")
    # counts, offsets, lengths and values out of range, under valid checksums
    for k, value in ((0, 2**63), (0, 2**64 - 1), (1, 0), (2, 10**9), (7, 2**40), (8, 2**40)):
        d = bytearray(good)
        struct.pack_into("<Q", d, OFF_COUNTS + 8 * k, value)
        refused(tmp, f"count {k} = {value}", reseal(d))
    for s, field, value in ((5, 0, 2**63), (5, 0, 8), (5, 1, 2**64 - 8), (5, 2, 2**61),
                            (29, 0, len(good) + 64), (3, 1, 0), (0, 0, 0)):
        d = bytearray(good)
        struct.pack_into("<Q", d, OFF_ENTRIES + ENTRY * s + 8 * field, value)
        refused(tmp, f"section {s} field {field} = {value}", reseal(d))
    for s, at, fmt, value, want in ((SUPPLY_SRC, 0, "<i", 4, "supply suppliers"),
                                    (SUPPLY_SRC, 0, "<i", -1, "supply suppliers"),
                                    (16, 4, "<i", 14, "supply customers"),
                                    (5, 0, "<Q", 2**40, "operator ids"),
                                    (7, 1, "<b", 99, "operator sectors"),
                                    (18, 0, "<d", float("nan"), "install lags"),
                                    (21, 0, "<i", 10, "dependency operators")):
        d = bytearray(good)
        struct.pack_into(fmt, d, ents[s][0] + at, value)
        refused(tmp, f"value in section {s}", reseal(d), want)
    # a duplicate id: the second operator's id offset made the first's
    d = bytearray(good)
    d[ents[5][0] + 8:ents[5][0] + 16] = d[ents[5][0]:ents[5][0] + 8]
    refused(tmp, "duplicate id", reseal(d), "duplicate id")
    # pack: a bad directory leaves nothing; usage errors
    bad_dir = os.path.join(tmp, "badnet")
    os.mkdir(bad_dir)
    for name in ("operators.csv", "suppliers.csv", "supply.csv", "dependencies.csv"):
        with open(os.path.join(TINY_NET, name)) as f, open(os.path.join(bad_dir, name), "w") as g:
            g.write(f.read().replace("auto", "sometimes", 1) if name == "supply.csv" else f.read())
    out = os.path.join(tmp, "bad_pack.ssn")
    r = sh("network", "pack", bad_dir, "-o", out, ok=(2,))
    if "supply.csv:" not in r.stderr or os.path.exists(out) or \
            any(n.startswith(".bad_pack") for n in os.listdir(tmp)):
        failures.append(f"pack of a bad directory: {r.stderr}; left {os.listdir(tmp)}")
    sh("network", "unpack", TINY_NET, "-o", out, ok=(2,))
    sh("network", "pack", TINY_NET, ok=(2,))
    copy = os.path.join(tmp, "copy")
    os.mkdir(copy)
    for name in os.listdir(TINY_NET):
        with open(os.path.join(TINY_NET, name), "rb") as f, open(os.path.join(copy, name), "wb") as g:
            g.write(f.read())
    r = sh("network", "pack", copy, "-o", os.path.join(copy, "supply.csv"), ok=(2,))
    if "supply.csv" not in r.stderr:
        failures.append("pack over one of its inputs: " + r.stderr)


with tempfile.TemporaryDirectory(prefix="ssim_snapshot_") as tmp:
    {"same": case_same, "bad": case_bad}[CASE](tmp)
for f in failures:
    print("FAIL", f)
print(f"snapshot {CASE}: {len(failures)} failures")
sys.exit(1 if failures else 0)
