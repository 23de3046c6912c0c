#!/usr/bin/python3
"""docs/scenario.md and docs/output.md must contain, verbatim, the reference
tables that `sectorsim schema` and `sectorsim fields` generate from the
schema table and the output field registry.

usage: docs_in_sync.py SECTORSIM SOURCE_DIR
"""
import os
import subprocess
import sys

bin_, src = sys.argv[1], sys.argv[2]
bad = 0
for cmd, doc in (("schema", "docs/scenario.md"), ("fields", "docs/output.md")):
    table = subprocess.run([bin_, cmd], capture_output=True, text=True, check=True).stdout
    text = open(os.path.join(src, doc), encoding="utf-8").read()
    if not table.strip():
        print(f"`sectorsim {cmd}` printed nothing")
        bad += 1
    elif table.strip() not in text:
        print(f"{doc} is out of date: paste the output of `sectorsim {cmd}` between its markers")
        bad += 1
print(f"docs in sync: {2 - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
