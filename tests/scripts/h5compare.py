#!/usr/bin/python3
"""Compare two sectorsim results files outside /provenance, byte for byte.

    /usr/bin/python3 tests/scripts/h5compare.py A B

Two files are identical when, outside /provenance,
  * they hold the same set of groups and datasets;
  * each dataset has the same shape, dtype and raw bytes (strings: the same
    UTF-8 bytes) and the same dimension scales on each axis;
  * the root, every group and every dataset carry the same attributes with
    equal values and types (the HDF5 dimension-scale bookkeeping attributes
    DIMENSION_LIST / REFERENCE_LIST hold file addresses and are compared
    through the scale names above instead).

Unlike h5diff (which exits 0 when shapes differ), a difference in shape or in
the set of objects is a difference.

Exit status: 0 identical, 1 different (the first difference is printed),
2 usage error or unreadable file.  Needs Debian's /usr/bin/python3 (h5py).
"""
import sys

import h5py
import numpy as np

EXCLUDED = "/provenance"
ADDRESS_ATTRS = {"DIMENSION_LIST", "REFERENCE_LIST"}


class Different(Exception):
    pass


def objects(f):
    """{path: obj} of every group and dataset outside /provenance."""
    found = {"/": f}

    def visit(name, obj):
        path = "/" + name
        if path == EXCLUDED or path.startswith(EXCLUDED + "/"):
            return
        found[path] = obj

    f.visititems(visit)
    return found


def dtype_key(dt):
    s = h5py.check_string_dtype(dt)
    return ("string", s.encoding, s.length) if s is not None else (dt.str, dt.descr)


def compare_values(what, a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind == "O" or b.dtype.kind == "O":
        la = [x.encode() if isinstance(x, str) else x for x in a.ravel().tolist()]
        lb = [x.encode() if isinstance(x, str) else x for x in b.ravel().tolist()]
        if a.shape != b.shape or la != lb:
            raise Different(f"{what}: {a!r} != {b!r}")
        return
    if a.dtype != b.dtype or a.shape != b.shape or a.tobytes() != b.tobytes():
        raise Different(f"{what}: {a!r} ({a.dtype}) != {b!r} ({b.dtype})")


def compare_attrs(path, oa, ob):
    ka = sorted(k for k in oa.attrs.keys() if k not in ADDRESS_ATTRS)
    kb = sorted(k for k in ob.attrs.keys() if k not in ADDRESS_ATTRS)
    if ka != kb:
        raise Different(f"{path}: attributes {ka} != {kb}")
    for k in ka:
        ta, tb = oa.attrs.get_id(k).dtype, ob.attrs.get_id(k).dtype
        if dtype_key(ta) != dtype_key(tb):
            raise Different(f"{path}: attribute {k}: type {ta} != {tb}")
        compare_values(f"{path}: attribute {k}", oa.attrs[k], ob.attrs[k])


def scale_names(ds):
    return [sorted(s.name for s in ds.dims[i].values()) for i in range(ds.ndim)]


def first_difference(x, y):
    """Index of the first differing element of two equal-shape arrays."""
    if x.dtype.kind == "O":
        flat = [i for i, (p, q) in enumerate(zip(x.ravel(), y.ravel())) if p != q]
    else:
        xb = x.reshape(-1).view(np.uint8).reshape(x.size, -1) if x.size else x
        yb = y.reshape(-1).view(np.uint8).reshape(y.size, -1) if y.size else y
        flat = np.nonzero((xb != yb).any(axis=1))[0] if x.size else []
    return np.unravel_index(int(flat[0]), x.shape) if len(flat) else None


def compare_dataset(path, a, b):
    if a.shape != b.shape:
        raise Different(f"{path}: shape {a.shape} != {b.shape}")
    if dtype_key(a.dtype) != dtype_key(b.dtype):
        raise Different(f"{path}: dtype {a.dtype} != {b.dtype}")
    if scale_names(a) != scale_names(b):
        raise Different(f"{path}: dimension scales {scale_names(a)} != {scale_names(b)}")
    if h5py.check_string_dtype(a.dtype) is not None:
        x, y = np.asarray(a.asstr()[()], dtype=object), np.asarray(b.asstr()[()], dtype=object)
    else:
        x, y = np.ascontiguousarray(a[()]), np.ascontiguousarray(b[()])
    if x.dtype.kind == "O":
        if x.shape != y.shape or x.ravel().tolist() != y.ravel().tolist():
            i = first_difference(x, y)
            raise Different(f"{path}{list(i) if i else ''}: {x[i]!r} != {y[i]!r}")
        return
    if x.tobytes() != y.tobytes():
        i = first_difference(x, y)
        raise Different(f"{path}{[int(j) for j in i]}: {x[i]!r} != {y[i]!r}")


def compare(fa, fb):
    oa, ob = objects(fa), objects(fb)
    only_a, only_b = sorted(set(oa) - set(ob)), sorted(set(ob) - set(oa))
    if only_a or only_b:
        where = f"{only_a[0]} only in A" if only_a else f"{only_b[0]} only in B"
        raise Different(f"objects differ: {where}")
    for path in sorted(oa):
        a, b = oa[path], ob[path]
        if isinstance(a, h5py.Dataset) != isinstance(b, h5py.Dataset):
            raise Different(f"{path}: a dataset in one file and a group in the other")
        if isinstance(a, h5py.Dataset):
            compare_dataset(path, a, b)
        compare_attrs(path, a, b)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        fa, fb = h5py.File(argv[0], "r"), h5py.File(argv[1], "r")
    except OSError as e:
        print(f"h5compare: cannot open: {e}", file=sys.stderr)
        return 2
    try:
        with fa, fb:
            compare(fa, fb)
    except Different as d:
        print(f"h5compare: {argv[0]} and {argv[1]} differ: {d}")
        return 1
    except Exception as e:  # noqa: BLE001 - an unreadable object is an error, not a verdict
        print(f"h5compare: error: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    print(f"h5compare: {argv[0]} and {argv[1]} are identical outside {EXCLUDED}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
