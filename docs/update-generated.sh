#!/usr/bin/env bash
# Regenerate the reference tables in docs/scenario.md and docs/output.md
# (between the BEGIN/END GENERATED markers) from the built program:
#   docs/update-generated.sh [build/bin/sectorsim]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/bin/sectorsim}
regen() { # doc command
  local doc=$1 cmd=$2 tmp
  tmp=$(mktemp)
  "$bin" "$cmd" > "$tmp.table"
  awk -v table="$tmp.table" -v marker="<!-- BEGIN GENERATED: sectorsim $cmd -->" '
    $0 == marker { print; while ((getline line < table) > 0) print line; skip = 1; next }
    /^<!-- END GENERATED -->$/ { skip = 0 }
    !skip { print }' "$doc" > "$tmp"
  mv "$tmp" "$doc"
  rm -f "$tmp.table"
}
regen docs/scenario.md schema
regen docs/output.md fields
echo "updated docs/scenario.md and docs/output.md"
