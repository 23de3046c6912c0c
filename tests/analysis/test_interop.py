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
        ch = f["results/customer_hours"][()]
        names = [n.decode() for n in f["summary/sector_name"][()]]
        sector = pd.DataFrame({"sector": names, "mean_person_h": f["summary/sector_mean"][()]})
    assert len(sector) == len(names)
    for engine in ("h5netcdf", "netcdf4"):
        with xr.open_dataset(path, group="results", engine=engine) as ds:
            assert np.allclose(ds.customer_hours.values, ch), engine
            by_sector = ds.sector_customer_hours.mean("trial").to_series()
            assert np.allclose(by_sector.values, sector.mean_person_h.values), engine
        with xr.open_dataset(path, group="summary", engine=engine) as s:
            assert np.isclose(float(s.total_mean), ch.mean()), engine
            s.sector_quantile.to_dataframe()
print("ok: interop")
