#!/usr/bin/env bash
# Keys with no effect for the chosen incident.type are warned about, naming
# file:line:col and why (models/incident/incident_params.c, inert_keys),
# once by validate, run and compare; the run still succeeds and writes its
# file.  The same scenario with the default type (the tiny example's
# options) warns about nothing.
#   usage: inert_keys.sh SECTORSIM SOURCE_DIR
set -euo pipefail
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
base="$src/tests/scenarios/tiny_options.yaml"
sed "s|^network: .*|network: $src/scenarios/examples/tiny/network|" "$base" > "$tmp/clean.yaml"
# faulty_update: the transitive keys (lines of incident.transitive) are inert
sed 's|^incident:|incident:\n  type: faulty_update|' "$tmp/clean.yaml" > "$tmp/faulty.yaml"
# espionage: push_hours (not msp_push), dormancy, outage probabilities and durations
sed 's|^incident:|incident:\n  type: espionage\n  push_hours: 3|' "$tmp/clean.yaml" > "$tmp/spy.yaml"
fail() { echo "FAIL: $*"; exit 1; }
line_of() { grep -n "$2" "$1" | head -1 | cut -d: -f1; }

for cmd in validate run compare; do
  for s in clean faulty spy; do
    out=()
    [ "$cmd" = validate ] || out=(-o "$tmp/$s.$cmd.h5")
    "$bin" "$cmd" "$tmp/$s.yaml" "${out[@]}" --quiet > /dev/null 2> "$tmp/err" ||
      fail "$cmd $s.yaml exited $?: $(cat "$tmp/err")"
    [ "$cmd" = validate ] || [ -s "$tmp/$s.$cmd.h5" ] || fail "$cmd $s.yaml wrote no file"
    n=$(grep -c 'warning:' "$tmp/err" || true)
    case $s in
      clean) [ "$n" = 0 ] || fail "$cmd clean.yaml warns: $(cat "$tmp/err")" ;;
      faulty)
        l=$(line_of "$tmp/faulty.yaml" 'transitive:')
        want="faulty.yaml:$l:17: warning: incident.transitive.probability has no effect with incident.type faulty_update (a faulty update does not spread)"
        grep -qF "$want" "$tmp/err" || fail "$cmd faulty.yaml: no '$want' in: $(cat "$tmp/err")"
        grep -qF "incident.transitive.delay_hours has no effect" "$tmp/err" ||
          fail "$cmd faulty.yaml: delay_hours not warned"
        [ "$n" = 2 ] || fail "$cmd faulty.yaml: $n warnings, want 2 (once each): $(cat "$tmp/err")" ;;
      spy)
        l=$(line_of "$tmp/spy.yaml" 'push_hours')
        grep -qF "spy.yaml:$l:3: warning: incident.push_hours has no effect with incident.type espionage (only msp_push pushes through managed channels)" "$tmp/err" ||
          fail "$cmd spy.yaml: push_hours not warned: $(cat "$tmp/err")"
        for k in incident.dormancy_hours outage.probability.it outage.probability.ot \
                 outage.probability.endpoint outage.duration_hours.default \
                 outage.duration_hours.electricity outage.duration_hours.water; do
          grep -qF "$k has no effect with incident.type espionage (espionage causes no outage" \
            "$tmp/err" || fail "$cmd spy.yaml: $k not warned: $(cat "$tmp/err")"
        done
        [ "$n" = 8 ] || fail "$cmd spy.yaml: $n warnings, want 8: $(cat "$tmp/err")" ;;
    esac
  done
done
echo "inert-key warnings: validate, run and compare warn once per key; clean scenarios do not"
