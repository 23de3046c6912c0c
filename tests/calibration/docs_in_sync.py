#!/usr/bin/env python3
"""usage: docs_in_sync.py TABLE.md DOC.md

Exits 1 unless the text between the markers
  <!-- BEGIN GENERATED: retrodict.py --markdown -->
  <!-- END GENERATED -->
in DOC.md is exactly TABLE.md (written by retrodict.py --markdown).  To refresh the doc:
  /usr/bin/python3 tests/calibration/retrodict.py build/bin/sectorsim . --markdown /tmp/t.md
and paste /tmp/t.md between the markers."""
import sys

BEGIN = "<!-- BEGIN GENERATED: retrodict.py --markdown -->\n"
END = "<!-- END GENERATED -->"


def main():
    table = open(sys.argv[1], encoding="utf-8").read()
    doc = open(sys.argv[2], encoding="utf-8").read()
    if BEGIN not in doc or END not in doc.split(BEGIN, 1)[1]:
        print(f"{sys.argv[2]}: no generated-table markers")
        return 1
    block = doc.split(BEGIN, 1)[1].split(END, 1)[0]
    if block != table:
        print(f"{sys.argv[2]}: the retrodiction table differs from the checker's output; "
              "regenerate it (see this script's docstring)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
