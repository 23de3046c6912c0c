#!/bin/bash
# sectorsim report, rendered in a real browser: run the Japan baseline (200
# trials) and a criticality ranking, make the report, render index.html in
# headless Chromium, and check that every chart is present with a non-zero
# size, that PNG and SVG copies exist, and that the page refers to nothing
# outside itself; the same for a comparison and for a risk file (the Japan
# catalogue over 200 years).  Exit 77 (ctest SKIP_RETURN_CODE) when Chromium is absent.
# Usage: test_report_browser.sh SECTORSIM SOURCE_DIR [SCREENSHOT.png]
set -euo pipefail
BIN=$1 SRC=$2 SHOT=${3:-}
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  echo "SKIP: chromium is not installed (setup.sh installs it)"
  exit 77
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$BIN" run "$SRC/scenarios/japan/baseline.yaml" --trials 200 -o "$TMP/jp.h5" --quiet > /dev/null
"$BIN" criticality "$SRC/scenarios/japan/baseline.yaml" --trials 20 -o "$TMP/crit.csv" --quiet > /dev/null
"$BIN" report "$TMP/jp.h5" -o "$TMP/report" --criticality "$TMP/crit.csv"

CHARTS="exceedance timeseries prefectures criticality"
for c in $CHARTS; do
  for ext in png svg; do
    [ -s "$TMP/report/charts/$c.$ext" ] || fail "charts/$c.$ext missing or empty"
  done
done
# Self-contained: no external URL is loaded (namespace URIs inside SVG are not requests).
# data: URIs (images matplotlib embeds in its SVG) are part of the page.
if grep -Eo '(src|href)="[a-zA-Z]+:|url\(["'"'"']?[a-zA-Z]+:|@import' "$TMP/report/index.html" | grep -v 'data:'; then
  fail "index.html refers to external resources"
fi

FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$TMP/profile")

render_and_check() {  # DIR "CHARTS": render DIR/index.html, check each chart's drawn size
  # A copy of the page with a probe that writes each chart's rendered size into the DOM.
  {
    sed 's#</body></html>##' "$1/index.html"
    cat <<'JS'
<pre id="probe"></pre><script>
var out = [];
document.querySelectorAll("figure.chart").forEach(function (f) {
  var g = f.querySelector("svg, img"), r = g ? g.getBoundingClientRect() : {width: 0, height: 0};
  out.push(f.id + " " + Math.round(r.width) + " " + Math.round(r.height));
});
document.getElementById("probe").textContent = out.join("\n");
</script></body></html>
JS
  } > "$1/probe.html"

  timeout 120 "$CHROME" "${FLAGS[@]}" --dump-dom "file://$1/probe.html" \
    > "$1.dom.html" 2> "$TMP/chrome.log" || { cat "$TMP/chrome.log" >&2; fail "chromium --dump-dom"; }
  sed -n '/<pre id="probe">/,/<\/pre>/p' "$1.dom.html" | sed 's/<[^>]*>//g' | grep . > "$1.sizes" || true
  cat "$1.sizes"
  for c in $2; do
    line=$(grep "^chart-$c " "$1.sizes") || fail "chart $c is not in the rendered page"
    read -r _ w h <<< "$line"
    [ "$w" -gt 100 ] && [ "$h" -gt 100 ] || fail "chart $c rendered at ${w}x${h}"
  done
}

render_and_check "$TMP/report" "$CHARTS"

# A comparison file: the risk/burden frontier.
"$BIN" compare "$SRC/tests/scenarios/tiny_options.yaml" -o "$TMP/cmp.h5" --quiet > /dev/null
"$BIN" report "$TMP/cmp.h5" -o "$TMP/report_cmp"
for ext in png svg; do
  [ -s "$TMP/report_cmp/charts/frontier.$ext" ] || fail "charts/frontier.$ext missing or empty"
done
render_and_check "$TMP/report_cmp" "exceedance prefectures frontier"

# A risk file (sectorsim risk, the Japan catalogue with its options over 200 years): its own page.
"$BIN" risk "$SRC/scenarios/japan/catalogue.yaml" --options "$SRC/scenarios/japan/regulation_options.yaml" \
  --years 200 -o "$TMP/risk.h5" -q > /dev/null
"$BIN" report "$TMP/risk.h5" -o "$TMP/report_risk"
if grep -Eo '(src|href)="[a-zA-Z]+:|url\(["'"'"']?[a-zA-Z]+:|@import' "$TMP/report_risk/index.html" | grep -v 'data:'; then
  fail "the risk page refers to external resources"
fi
render_and_check "$TMP/report_risk" "risk_exceedance risk_classes risk_p_beats risk_net_benefit"

# A missing file: exit 2, nothing written.
set +e
"$BIN" report "$TMP/missing.h5" -o "$TMP/report_bad" 2> /dev/null
rc=$?
set -e
[ "$rc" -eq 2 ] && [ ! -e "$TMP/report_bad" ] || fail "report on a missing file: exit $rc (want 2, no directory)"

timeout 120 "$CHROME" "${FLAGS[@]}" --hide-scrollbars --window-size=1200,1700 \
  --screenshot="$TMP/report.png" "file://$TMP/report/index.html" > /dev/null 2>> "$TMP/chrome.log" \
  || fail "chromium --screenshot"
[ -s "$TMP/report.png" ] || fail "empty screenshot"
if [ -n "$SHOT" ]; then cp "$TMP/report.png" "$SHOT"; fi
echo "ok: report rendered in $("$CHROME" --version 2>/dev/null || echo chromium)"
