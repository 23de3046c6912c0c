#!/usr/bin/env bash
# Special files and aliased paths (issue 18, defects 3, 4 and 8): each case
# must exit 2 with its message, within seconds (a FIFO input used to block
# forever), and leave every input byte-identical and no other file behind.
#   usage: special_files.sh SECTORSIM SOURCE_DIR
set -uo pipefail
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
net="$tmp/net"; mkdir "$net"; cp "$src"/scenarios/examples/tiny/network/*.csv "$net/"
sed "s#^network: .*#network: $net#" "$src/scenarios/examples/tiny/scenario.yaml" > "$tmp/sc.yaml"
snapshot() { (cd "$tmp" && find . -path ./fifo_net -prune -o -type f -print0 | sort -z | xargs -0 sha256sum; find . | sort) 2>/dev/null; }

# case NAME EXPECTED-SUBSTRING -- ARGS...
case_() {
  local name=$1 want=$2; shift 3
  n=$((n + 1))
  local before after out rc
  before=$(snapshot)
  out=$(timeout 20 "$bin" "$@" 2>&1 >/dev/null); rc=$?
  after=$(snapshot)
  if [ "$rc" -ne 2 ]; then echo "FAIL $name: exit $rc (want 2): $out"; fail=1; return; fi
  if [[ "$out" != *"$want"* ]]; then echo "FAIL $name: message '$out' lacks '$want'"; fail=1; return; fi
  if [ "$before" != "$after" ]; then echo "FAIL $name: files changed"; fail=1; return; fi
  echo "ok   $name"
}

mkfifo "$tmp/fifo.yaml"
case_ fifo_scenario "fifo.yaml: an input must be a regular file (this is a FIFO)" -- run "$tmp/fifo.yaml" -o "$tmp/o.h5"
case_ dir_scenario "an input must be a regular file (this is a directory)" -- validate "$net"
mkdir "$tmp/fifo_net"; cp "$net"/*.csv "$tmp/fifo_net/"; rm "$tmp/fifo_net/supply.csv"; mkfifo "$tmp/fifo_net/supply.csv"
case_ fifo_network_file "supply.csv: an input must be a regular file (this is a FIFO)" -- run "$tmp/sc.yaml" --network "$tmp/fifo_net" -o "$tmp/o.h5"
mkdir "$tmp/cons_net"; cp "$net"/*.csv "$tmp/cons_net/"
printf 'sector,privilege,incident_type,capacity_loss,service_loss,shutdown_probability,shutdown_median_hours,shutdown_sigma,source,confidence\n*,*,*,1,0,0,1,0,test,low\n' >"$tmp/cons_net/coupling.csv"
case_ output_is_consequence_file "is the input" -- run "$tmp/sc.yaml" --network "$tmp/cons_net" -o "$tmp/cons_net/coupling.csv"
mkdir "$tmp/fifo_cons"; cp "$net"/*.csv "$tmp/fifo_cons/"; mkfifo "$tmp/fifo_cons/sectors.csv"
case_ fifo_consequence_file "sectors.csv: an input must be a regular file (this is a FIFO)" -- run "$tmp/sc.yaml" --network "$tmp/fifo_cons" -o "$tmp/o.h5"
case_ output_is_scenario "is the input" -- run "$tmp/sc.yaml" -o "$tmp/sc.yaml"
case_ output_is_network_file "is the input" -- run "$tmp/sc.yaml" -o "$net/operators.csv"
ln -s "$tmp/sc.yaml" "$tmp/link.h5"
case_ output_links_to_scenario "is the input" -- run "$tmp/sc.yaml" -o "$tmp/link.h5"
sed "s#^network: .*#network: $net#" "$src/tests/scenarios/tiny_options.yaml" > "$tmp/options.yaml"
case_ compare_output_is_scenario "is the input" -- compare "$tmp/options.yaml" -o "$tmp/options.yaml"
case_ criticality_output_is_network_file "is the input" -- criticality "$tmp/sc.yaml" -o "$net/supply.csv"
mkfifo "$tmp/out.fifo"
case_ output_is_fifo "exists and is not a regular file" -- run "$tmp/sc.yaml" -o "$tmp/out.fifo"
[ -p "$tmp/out.fifo" ] || { echo "FAIL output_is_fifo: the FIFO was replaced"; fail=1; }
# summarize --csv, report -o and generate -o (defects 3 and 4 for every
# command that writes): an output that is the input results file, a FIFO or
# a file where a directory must be.
"$bin" run "$tmp/sc.yaml" -o "$tmp/r.h5" --trials 20 --quiet > /dev/null || { echo "FAIL: run"; fail=1; }
mkdir "$tmp/csv"; ln "$tmp/r.h5" "$tmp/csv/national.csv"
case_ summarize_csv_is_input "is the input" -- summarize "$tmp/r.h5" --csv "$tmp/csv"
rm "$tmp/csv/national.csv"; ln -s "$tmp/r.h5" "$tmp/csv/sectors.csv"
case_ summarize_csv_links_to_input "is the input" -- summarize "$tmp/r.h5" --csv "$tmp/csv"
rm "$tmp/csv/sectors.csv"; mkfifo "$tmp/csv/quantiles.csv"
case_ summarize_csv_fifo "quantiles.csv exists and is not a regular file" -- summarize "$tmp/r.h5" --csv "$tmp/csv"
case_ summarize_csv_dir_is_file "exists and is not a directory" -- summarize "$tmp/r.h5" --csv "$tmp/sc.yaml"
mkdir -p "$tmp/rep/charts"; ln "$tmp/r.h5" "$tmp/rep/index.html"
case_ report_page_is_input "is the input" -- report "$tmp/r.h5" -o "$tmp/rep"
rm "$tmp/rep/index.html"; ln "$tmp/r.h5" "$tmp/rep/charts/exceedance.png"
case_ report_chart_is_input "is the input" -- report "$tmp/r.h5" -o "$tmp/rep"
rm "$tmp/rep/charts/exceedance.png"; mkfifo "$tmp/rep/index.html"
case_ report_page_fifo "index.html exists and is not a regular file" -- report "$tmp/r.h5" -o "$tmp/rep"
rm "$tmp/rep/index.html"; rmdir "$tmp/rep/charts"; touch "$tmp/rep/charts"
case_ report_charts_is_file "charts: exists and is not a directory" -- report "$tmp/r.h5" -o "$tmp/rep"
mkdir "$tmp/gen"; mkfifo "$tmp/gen/supply.csv"
case_ generate_fifo "supply.csv exists and is not a regular file" -- generate er --n 20 -o "$tmp/gen"
case_ generate_dir_is_file "exists and is not a directory" -- generate er --n 20 -o "$tmp/sc.yaml"
echo "special files: $n cases, $([ $fail = 0 ] && echo 'all refused as they should be' || echo FAILURES)"
exit $fail
