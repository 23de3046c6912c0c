#!/usr/bin/env bash
# Run `sectorsim compare` and read its file back with the independent
# h5py/xarray reader (the baseline's groups and /compare), then `info`.
#   usage: compare_and_check.sh SECTORSIM SCENARIO
set -euo pipefail
bin=$1; scenario=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" compare "$scenario" -o "$tmp/out.h5" --quiet > "$tmp/stdout.txt"
/usr/bin/python3 "$here/h5check.py" "$tmp/out.h5"
/usr/bin/python3 - "$tmp/out.h5" <<'PY'
import sys, xarray as xr
for engine in ("h5netcdf", "netcdf4"):
    ds = xr.open_dataset(sys.argv[1], group="compare", engine=engine)
    assert ds.sizes["option"] == len(ds.option_name) and "trial" in ds.people_hours.dims
    assert all(ds[v].attrs.get("units") is not None for v in ds.data_vars), "units missing"
print("compare group opens in xarray (h5netcdf, netcdf4)")
PY
"$bin" info "$tmp/out.h5" > /dev/null
