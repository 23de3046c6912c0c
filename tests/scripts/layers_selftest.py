#!/usr/bin/python3
"""The layer gate fails when it should (gates.layers_selftest).

    /usr/bin/python3 tests/scripts/layers_selftest.py ROOT

Builds a small tree in a temporary directory: ROOT's docs/architecture.md
(the real layer table) and two files, engine/core/low.h and cli/high.h, and
runs layers.py on it three times:
  1. high.h (cli) includes low.h (core), low.h includes nothing:  exit 0;
  2. low.h also includes "cli/high.h", a higher layer:             exit 1,
     naming engine/core/low.h:3 and the rule;
  3. low.h includes <igraph.h> instead (third party outside graph): exit 1.
Exit 0 when every run gives what it should.
"""

import os
import shutil
import subprocess
import sys
import tempfile

HIGH = '#include "core/low.h"\n'
LOW_CLEAN = "/* fake core header */\n#include <stddef.h>\n"


def run(script, tree, low, want_rc, want_text):
    with open(os.path.join(tree, "engine", "core", "low.h"), "w") as f:
        f.write(low)
    p = subprocess.run([sys.executable, script, tree], capture_output=True, text=True)
    ok = p.returncode == want_rc and all(t in p.stdout for t in want_text)
    print(f"{'ok  ' if ok else 'FAIL'} rc={p.returncode} (want {want_rc}); want {want_text}")
    if not ok:
        print(p.stdout + p.stderr)
    return ok


def main(argv):
    if len(argv) != 2:
        print("usage: layers_selftest.py ROOT", file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    script = os.path.join(root, "tests", "scripts", "layers.py")
    with tempfile.TemporaryDirectory(prefix="ssim-layers-") as tree:
        os.makedirs(os.path.join(tree, "docs"))
        os.makedirs(os.path.join(tree, "engine", "core"))
        os.makedirs(os.path.join(tree, "cli"))
        shutil.copy(os.path.join(root, "docs", "architecture.md"), os.path.join(tree, "docs"))
        with open(os.path.join(tree, "cli", "high.h"), "w") as f:
            f.write(HIGH)
        results = [
            run(script, tree, LOW_CLEAN, 0, []),
            run(script, tree, LOW_CLEAN + '#include "cli/high.h"\n', 1,
                ['engine/core/low.h:3: #include "cli/high.h": core includes cli']),
            run(script, tree, LOW_CLEAN + "#include <igraph.h>\n", 1,
                ["engine/core/low.h:3: #include <igraph.h>: igraph headers only in"]),
        ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
