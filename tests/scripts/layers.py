#!/usr/bin/python3
"""The layer gate: no C file includes a layer it may not include.

    /usr/bin/python3 tests/scripts/layers.py [ROOT]

ROOT is the source tree (default: the one holding this script).  The layers
come from the table in ROOT/docs/architecture.md between the lines
`<!-- layers: begin -->` and `<!-- layers: end -->`, columns
layer | directory | library | may include | third-party headers.

Every .c/.h under the table's top-level directories (engine/, models/,
analysis/, cli/) belongs to the layer with the deepest table directory holding
it.  Each `#include "X"` is resolved as the compiler does (the including
file's directory, then engine/, then ROOT) and must land in the file's own
layer or one in its "may include" list ("—" none, "every layer" all).  The
generated headers (GENERATED) may be included anywhere.  Each include, quoted
or angled, of a third-party header must come from a layer THIRD_PARTY allows.

Exit status: 0 clean; 1 violations, one line each on stdout
(file:line: #include X: rule); 2 the table or the tree cannot be read.
Standard library only.
"""

import fnmatch
import os
import re
import sys

BEGIN = "<!-- layers: begin -->"
END = "<!-- layers: end -->"

# Written by the build (cmake/version.h.in, cmake/revision.cmake) into
# build/generated/: provenance, includable from every layer.
GENERATED = {"ssim_version.h", "ssim_revision.h"}

# Quoted includes are searched, after the including file's directory, in
# these directories of ROOT (engine/core's PUBLIC include directories).
INCLUDE_DIRS = ("engine", "")

# Third-party headers stay at the edges (STYLE.md rule 3).  Each rule: what,
# the header names (fnmatch patterns on the include's last path component),
# and the layers whose files may include them; "L/*" is layer L's directory
# and everything below it, other table layers included.  These are the
# machine-checked form of the table's last column, except:
#   - getopt.h is libc, not third-party, but parsing options is the CLI's job;
#   - GSL and Random123 are not checked: core/rng.h and core/dist.h expose
#     gsl_rng.h to every layer by design, and the table's column does not
#     list every user of either (models/generators uses GSL's CDFs,
#     models/kernels Philox directly).
THIRD_PARTY = (
    ("HDF5", ("hdf5.h", "hdf5_*.h", "H5*.h"), ("io", "analysis")),
    ("igraph", ("igraph*.h",), ("graph", "generators/*")),
    ("libyaml", ("yaml.h",), ("scenario",)),
    ("getopt", ("getopt.h",), ("cli",)),
    ("OpenMP", ("omp.h",), ("results", "run")),
    ("MPI", ("mpi.h",), ("study",)),
)

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
NONE = {"—", "-", ""}
EVERY = "every layer"


class TableError(Exception):
    pass


def read_table(root):
    """Rows of the layer table: list of (layer, directory, may-include set or None = every)."""
    path = os.path.join(root, "docs", "architecture.md")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise TableError(f"{path}: {e.strerror}")
    try:
        start = lines.index(BEGIN)
        stop = lines.index(END, start)
    except ValueError:
        raise TableError(f"{path}: no table between '{BEGIN}' and '{END}'")
    rows = []
    for n, line in enumerate(lines[start + 1:stop], start + 2):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.strip() or set(line.strip()) <= set("|-: "):
            continue
        if len(cells) != 5:
            raise TableError(f"{path}:{n}: a layer row has 5 columns (got {len(cells)})")
        if cells[0] == "layer":
            continue
        layer, directory, _, may, _ = cells
        directory = directory.strip("`").rstrip("/")
        if not directory or directory.startswith("/") or ".." in directory.split("/"):
            raise TableError(f"{path}:{n}: directory must be relative to the root (got '{directory}')")
        if may == EVERY:
            allowed = None
        elif may in NONE:
            allowed = set()
        else:
            allowed = {m.strip() for m in may.split(",")}
        rows.append((layer, directory, allowed, f"{path}:{n}"))
    if not rows:
        raise TableError(f"{path}: the layer table has no rows")
    names = {r[0] for r in rows}
    if len(names) != len(rows) or len({r[1] for r in rows}) != len(rows):
        raise TableError(f"{path}: layer names and directories must be unique")
    for layer, _, allowed, where in rows:
        for m in sorted(allowed or ()):
            if m not in names:
                raise TableError(f"{where}: {layer} may include '{m}', which is no layer")
    for _, _, layers in THIRD_PARTY:
        for entry in layers:
            if entry.removesuffix("/*") not in names:
                raise TableError(f"THIRD_PARTY names '{entry}', which is no layer of {path}")
    return rows


def layer_of(path, rows):
    """The layer whose directory is the deepest holding path (relative to root), or None."""
    best = None
    for layer, directory, _, _ in rows:
        if path.startswith(directory + "/") and (best is None or len(directory) > len(best[1])):
            best = (layer, directory)
    return best[0] if best else None


def resolve(root, src, name):
    """The root-relative path a quoted include names, or None when no file matches."""
    for base in [os.path.dirname(src)] + list(INCLUDE_DIRS):
        cand = os.path.normpath(os.path.join(base, name))
        if not cand.startswith("..") and os.path.isfile(os.path.join(root, cand)):
            return cand.replace(os.sep, "/")
    return None


def third_party_rule(name):
    base = name.rsplit("/", 1)[-1]
    for what, patterns, layers in THIRD_PARTY:
        if any(fnmatch.fnmatchcase(base, p) for p in patterns):
            return what, layers
    return None


def may_use(src, layer, entries, rows):
    dirs = {r[0]: r[1] for r in rows}
    for e in entries:
        if e.endswith("/*"):
            if src.startswith(dirs[e[:-2]] + "/"):
                return True
        elif e == layer:
            return True
    return False


def sources(root, rows):
    tops = sorted({d.split("/")[0] for _, d, _, _ in rows})
    for top in tops:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for f in sorted(filenames):
                if f.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/")


def check(root, rows):
    allowed = {r[0]: r[2] for r in rows}
    problems = []
    n_files = n_includes = 0
    for src in sources(root, rows):
        n_files += 1
        layer = layer_of(src, rows)
        if layer is None:
            problems.append(f"{src}:1: in no layer of the table (docs/architecture.md)")
            continue
        with open(os.path.join(root, src), encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                m = INCLUDE_RE.match(line)
                if not m:
                    continue
                n_includes += 1
                quote, name = m.groups()
                where = f"{src}:{n}: #include {quote}{name}{'>' if quote == '<' else quote}"
                tp = third_party_rule(name)
                if tp:
                    what, layers = tp
                    if not may_use(src, layer, layers, rows):
                        problems.append(f"{where}: {what} headers only in {', '.join(layers)}"
                                        f" (this file is in {layer})")
                    continue
                if quote == "<" or name in GENERATED:
                    continue
                target = resolve(root, src, name)
                if target is None:
                    problems.append(f"{where}: names no file of the tree"
                                    f" (searched {os.path.dirname(src)}/, engine/, ./)")
                    continue
                other = layer_of(target, rows)
                if other is None:
                    problems.append(f"{where}: {target} is in no layer of the table")
                elif other != layer and allowed[layer] is not None and other not in allowed[layer]:
                    may = ", ".join(sorted(allowed[layer])) or "no other layer"
                    problems.append(f"{where}: {layer} includes {other};"
                                    f" {layer} may include {may}")
    return problems, n_files, n_includes


def main(argv):
    if len(argv) > 2:
        print("usage: layers.py [ROOT]", file=sys.stderr)
        return 2
    root = argv[1] if len(argv) == 2 else os.path.join(os.path.dirname(__file__), "..", "..")
    root = os.path.abspath(root)
    try:
        rows = read_table(root)
    except TableError as e:
        print(f"layers: {e}", file=sys.stderr)
        return 2
    problems, n_files, n_includes = check(root, rows)
    for p in problems:
        print(p)
    print(f"layers: {n_files} files, {n_includes} includes, {len(rows)} layers:"
          f" {len(problems)} violation(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
