#!/usr/bin/python3
"""The results file opens unchanged with h5py, pandas and xarray (h5netcdf and
netcdf4 engines) -- the example of docs/analysis.md.  Usage: test_interop.py SECTORSIM SCENARIO"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import pandas as pd
import xarray as xr

BIN, SC = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "out.h5")
    subprocess.run([BIN, "run", SC, "-o", path, "--quiet", "--trials", "50"], check=True,
                   stdout=subprocess.DEVNULL)
    with h5py.File(path) as f:
        ph = f["results/people_hours"][()]
        names = [n.decode() for n in f["summary/sector_name"][()]]
        units = [u.decode() if isinstance(u, bytes) else u for u in f["network/sector_service_unit"][()]]
        sector = pd.DataFrame({"sector": names, "unit": units, "mean": f["summary/sector_mean"][()]})
    assert len(sector) == len(names)
    for engine in ("h5netcdf", "netcdf4"):
        with xr.open_dataset(path, group="results", engine=engine) as ds:
            assert np.allclose(ds.people_hours.values, ph), engine
            assert (ds.people_hours_low <= ds.people_hours).all(), engine
            assert (ds.people_hours <= ds.people_hours_high).all(), engine
            by_sector = ds.sector_service_lost.mean("trial").to_series()
            assert np.allclose(by_sector.values, sector["mean"].values), engine
        with xr.open_dataset(path, group="network", engine=engine) as n:
            assert list(n.sector_service_unit.values) == units, engine
        with xr.open_dataset(path, group="summary", engine=engine) as s:
            assert np.isclose(float(s.people_mean), ph.mean()), engine
            s.sector_quantile.to_dataframe()
print("ok: interop")
