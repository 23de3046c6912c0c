#!/usr/bin/env bash
# Generates the bad-input catalogue for network directories: one folder per
# case, each a copy of the tiny base network below with exactly ONE defect,
# plus a file `expect` holding one line that the error message must contain:
#
#     <file>:<line>:<col>: <key phrase>
#
# (the message reads "sectorsim: <case dir>/<file>:<line>:<col>: ...").  Every
# case must fail with exit status 2 (bad input).  Re-run after editing:
#
#     bash tests/bad_inputs/network/make_cases.sh
#
# It rewrites every folder here that holds an `expect` file.  The loader-level
# check is unit.test_network (tests/unit/test_network.c).
# shellcheck disable=SC2016  # '$' in the sed scripts means "last line"
set -euo pipefail
cd "$(dirname "$0")"

# ---- the base network: 3 operators, 2 suppliers, 3 supply rows, 2 dependencies
OPS_HEADER='id,name,sector,prefecture,customers,designated'
OPS_1='OP1,Tokyo Power,electricity,13,20000000,1'
OPS_2='OP2,Osaka Gas,gas,27,5000000,1'
OPS_3='OP3,Sakura Bank,finance,13,8000000,0'
SUP_HEADER='id,name,country,category'
SUP_1='S1,Vendor OS,US,os'
SUP_2='S2,Vendor MSP,JP,msp'
SUPPLY_HEADER='supplier,customer,channel,install_lag_hours,share,privilege'
SUPPLY_1='S1,OP1,auto,24,0.8,it'
SUPPLY_2='S1,OP3,managed,48,0.5,endpoint'
SUPPLY_3='S2,S1,manual,72,0.3,ot'
DEP_HEADER='operator,provider,kind,buffer_hours,loss'
DEP_1='OP3,OP1,power,12,0.6'
DEP_2='OP2,OP1,power,24,0.4'

lines() { printf '%s\n' "$@"; }

# new_case NAME EXPECT: a folder holding the base network and its expect line.
new_case() {
    rm -rf "$1"
    mkdir "$1"
    lines "$OPS_HEADER" "$OPS_1" "$OPS_2" "$OPS_3" >"$1/operators.csv"
    lines "$SUP_HEADER" "$SUP_1" "$SUP_2" >"$1/suppliers.csv"
    lines "$SUPPLY_HEADER" "$SUPPLY_1" "$SUPPLY_2" "$SUPPLY_3" >"$1/supply.csv"
    lines "$DEP_HEADER" "$DEP_1" "$DEP_2" >"$1/dependencies.csv"
    printf '%s\n' "$2" >"$1/expect"
}

# edit NAME FILE SED-SCRIPT EXPECT: the base with FILE changed by sed.
edit() {
    new_case "$1" "$4"
    sed -i -e "$3" "$1/$2"
}

# put NAME FILE PRINTF-TEXT EXPECT: the base with FILE replaced by printf's
# output (for bytes sed cannot write portably: NUL, CR, Shift_JIS).
put() {
    new_case "$1" "$4"
    # shellcheck disable=SC2059  # the text is the format: it holds \NNN escapes
    printf "$3" >"$1/$2"
}

for d in */; do
    if [ -f "$d/expect" ]; then rm -rf "$d"; fi
done

# ---- whole-file and CSV syntax defects
put  empty-operators      operators.csv '' 'operators.csv:1:1: file is empty: expected a header row'
put  empty-supply         supply.csv '' 'supply.csv:1:1: file is empty: expected a header row'
edit header-only-operators operators.csv '2,$d' 'operators.csv:2:1: no data rows: at least one operator is required'
edit header-only-suppliers suppliers.csv '2,$d' 'suppliers.csv:2:1: no data rows: at least one supplier is required'
put  utf16-suppliers      suppliers.csv '\377\376i\000d\000\n\000' 'suppliers.csv:1:1: file is UTF-16'
put  shift-jis-name       operators.csv "$OPS_HEADER\nOP1,\223\214\213\236\223\144\227\315,electricity,13,20000000,1\n$OPS_2\n$OPS_3\n" \
     'operators.csv:2:5: invalid UTF-8 (byte 0x93)'
put  nul-byte             suppliers.csv "$SUP_HEADER\n$SUP_1\nS2,Vendor\000MSP,JP,msp\n" 'suppliers.csv:3:10: NUL byte in file'
put  bare-cr              supply.csv "$SUPPLY_HEADER\n$SUPPLY_1\r$SUPPLY_2\n$SUPPLY_3\n" \
     'supply.csv:2:22: carriage return not followed by a line feed'
edit unterminated-quote   suppliers.csv '3s/Vendor MSP/"Vendor MSP/' 'suppliers.csv:3:4: unterminated quoted field'
edit text-after-quote     operators.csv '3s/Osaka Gas/"Osaka" Gas/' 'operators.csv:3:13: text after a closing quote'
edit quote-in-unquoted    operators.csv '3s/Osaka Gas/Osaka "Gas"/' "operators.csv:3:11: '\"' inside an unquoted field"

# ---- header and field-count defects
edit missing-column-share supply.csv '1s/,share//; 2,$s/,0\.[0-9],/,/' 'supply.csv:1:1: missing required column "share"'
edit missing-column-designated operators.csv '1s/,designated//; 2,$s/,[01]$//' \
     'operators.csv:1:1: missing required column "designated"'
edit duplicate-column     suppliers.csv '1s/$/,country/; 2,$s/$/,XX/' 'suppliers.csv:1:26: duplicate column "country"'
edit too-few-fields       dependencies.csv '3s/,0\.4$//' 'dependencies.csv:3:17: wrong number of fields: expected 5, got 4'
edit too-many-fields      supply.csv '3s/$/,extra/' 'supply.csv:3:32: wrong number of fields: expected 6, got 7'

# ---- operators.csv rules
edit op-empty-id          operators.csv '3s/^OP2//' 'operators.csv:3:1: id must not be empty'
edit op-id-too-long       operators.csv "3s/^OP2/OP2$(printf 'x%.0s' $(seq 1 254))/" 'operators.csv:3:1: id must be at most 256 bytes (got 257 bytes)'
edit op-duplicate-id      operators.csv '4s/^OP3/OP2/' 'operators.csv:4:1: duplicate id "OP2" (first defined at'
edit op-empty-name        operators.csv '3s/Osaka Gas//' 'operators.csv:3:5: name must not be empty'
edit op-bad-sector        operators.csv '3s/,gas,/,power,/' 'operators.csv:3:15: sector must be one of: electricity, gas'
edit op-prefecture-zero   operators.csv '3s/,27,/,0,/' 'operators.csv:3:19: prefecture must be in 1..47 (got 0)'
edit op-prefecture-48     operators.csv '3s/,27,/,48,/' 'operators.csv:3:19: prefecture must be in 1..47 (got 48)'
edit op-prefecture-fraction operators.csv '3s/,27,/,2.5,/' 'operators.csv:3:19: prefecture must be an integer (got "2.5")'
edit op-customers-negative operators.csv '3s/,5000000,/,-5,/' 'operators.csv:3:22: customers must be in 0..1000000000 (got -5)'
edit op-customers-too-many operators.csv '3s/,5000000,/,1000000001,/' \
     'operators.csv:3:22: customers must be in 0..1000000000 (got 1000000001)'
edit op-customers-text    operators.csv '3s/,5000000,/,5 million,/' 'operators.csv:3:22: customers must be an integer (got "5 million")'
edit op-designated-2      operators.csv '3s/,1$/,2/' 'operators.csv:3:30: designated must be 0 or 1 (got "2")'
edit op-designated-yes    operators.csv '4s/,0$/,yes/' 'operators.csv:4:36: designated must be 0 or 1 (got "yes")'

# ---- suppliers.csv rules
edit sup-id-is-operator   suppliers.csv '3s/^S2/OP1/' 'suppliers.csv:3:1: duplicate id "OP1" (first defined at'
edit sup-duplicate-id     suppliers.csv '3s/^S2/S1/' 'suppliers.csv:3:1: duplicate id "S1" (first defined at'
edit sup-empty-name       suppliers.csv '2s/Vendor OS//' 'suppliers.csv:2:4: name must not be empty'
edit sup-country-lower    suppliers.csv '3s/,JP,/,jp,/' 'suppliers.csv:3:15: country must be two upper-case letters'
edit sup-country-alpha3   suppliers.csv '2s/,US,/,USA,/' 'suppliers.csv:2:14: country must be two upper-case letters'
edit sup-bad-category     suppliers.csv '3s/,msp$/,antivirus/' 'suppliers.csv:3:18: category must be one of: os, endpoint_security'

# ---- supply.csv rules
edit supply-unknown-supplier supply.csv '3s/^S1/S9/' 'supply.csv:3:1: unknown supplier "S9": no such id in suppliers.csv'
edit supply-supplier-is-operator supply.csv '3s/^S1/OP2/' 'supply.csv:3:1: supplier "OP2" is an operator, not a supplier'
edit supply-unknown-customer supply.csv '2s/,OP1,/,OP9,/' 'supply.csv:2:4: unknown customer "OP9": no such id in operators.csv or suppliers.csv'
edit supply-self          supply.csv '4s/^S2,S1,/S2,S2,/' 'supply.csv:4:4: customer equals supplier ("S2")'
edit supply-bad-channel   supply.csv '2s/,auto,/,push,/' 'supply.csv:2:8: channel must be one of: auto, manual, managed (got "push")'
edit supply-lag-negative  supply.csv '3s/,48,/,-2,/' 'supply.csv:3:16: install_lag_hours must be >= 0 (got -2)'
edit supply-lag-too-long  supply.csv '3s/,48,/,2e6,/' 'supply.csv:3:16: install_lag_hours must be <= 1000000 (got 2e6)'
edit supply-lag-nan       supply.csv '3s/,48,/,nan,/' 'supply.csv:3:16: install_lag_hours must be a finite number (got nan)'
edit supply-lag-inf       supply.csv '3s/,48,/,inf,/' 'supply.csv:3:16: install_lag_hours must be a finite number (got inf)'
edit supply-lag-units     supply.csv '3s/,48,/,48h,/' 'supply.csv:3:16: install_lag_hours must be a number (got "48h")'
edit supply-lag-empty     supply.csv '3s/,48,/,,/' 'supply.csv:3:16: install_lag_hours must be a number (got "")'
edit supply-share-zero    supply.csv '3s/,0\.5,/,0,/' 'supply.csv:3:19: share must be in (0, 1] (got 0)'
edit supply-share-percent supply.csv '3s/,0\.5,/,50,/' 'supply.csv:3:19: share must be in (0, 1] (got 50)'
edit supply-bad-privilege supply.csv '4s/,ot$/,root/' 'supply.csv:4:21: privilege must be one of: it, ot, endpoint (got "root")'
edit supply-duplicate-edge supply.csv '4s/^S2,S1,/S1,OP1,/' 'supply.csv:4:1: duplicate supply edge "S1" -> "OP1" (first at line 2)'

# ---- dependencies.csv rules
edit dep-unknown-operator dependencies.csv '2s/^OP3/OP7/' 'dependencies.csv:2:1: unknown operator "OP7": no such id in operators.csv'
edit dep-operator-is-supplier dependencies.csv '2s/^OP3/S1/' 'dependencies.csv:2:1: operator "S1" is a supplier, not an operator'
edit dep-unknown-provider dependencies.csv '3s/,OP1,/,OP7,/' 'dependencies.csv:3:5: unknown provider "OP7": no such id in operators.csv'
edit dep-provider-is-supplier dependencies.csv '3s/,OP1,/,S2,/' 'dependencies.csv:3:5: provider "S2" is a supplier, not an operator'
edit dep-self             dependencies.csv '3s/,OP1,/,OP2,/' 'dependencies.csv:3:5: provider equals operator ("OP2")'
edit dep-bad-kind         dependencies.csv '2s/,power,/,electricity,/' 'dependencies.csv:2:9: kind must be one of: power, gas, fuel'
edit dep-buffer-negative  dependencies.csv '3s/,24,/,-1,/' 'dependencies.csv:3:15: buffer_hours must be >= 0 (got -1)'
edit dep-loss-above-one   dependencies.csv '2s/,0\.6$/,1.2/' 'dependencies.csv:2:18: loss must be in (0, 1] (got 1.2)'
edit dep-loss-infinite    dependencies.csv '2s/,0\.6$/,-inf/' 'dependencies.csv:2:18: loss must be a finite number (got -inf)'
edit dep-duplicate        dependencies.csv '3s/^OP2/OP3/' 'dependencies.csv:3:1: duplicate dependency "OP3" on "OP1" of kind power (first at line 2)'

# ---- the optional consequence files (docs/scenario.md "Consequence files"):
# extra NAME FILE CONTENT EXPECT: the base network plus FILE holding CONTENT.
extra() {
    new_case "$1" "$4"
    printf '%s' "$3" >"$1/$2"
}
SEC_HEADER='sector,customer_unit,service_unit,per_day,people_per_customer,yen_per_service_unit,source,confidence'
COUP_HEADER='sector,privilege,incident_type,capacity_loss,service_loss,shutdown_probability,shutdown_median_hours,shutdown_sigma,source,confidence'
extra sectors-unknown-sector sectors.csv "$(lines "$SEC_HEADER" 'metro,people,person-hours,0,1,1,s,low')" 'sectors.csv:2:1: sector must be one of'
extra sectors-duplicate sectors.csv "$(lines "$SEC_HEADER" 'gas,meters,meter-hours,0,2.2,1,s,low' 'gas,people,person-hours,0,1,1,s,low')" 'sectors.csv:3:1: duplicate sector "gas" (first at line 2)'
extra sectors-no-source sectors.csv "$(lines "$SEC_HEADER" 'gas,meters,meter-hours,0,2.2,1,,low')" 'sectors.csv:2:32: source must not be empty'
extra sectors-bad-confidence sectors.csv "$(lines "$SEC_HEADER" 'gas,meters,meter-hours,0,2.2,1,s,sure')" 'sectors.csv:2:34: confidence must be one of: high, medium, low (got "sure")'
extra sectors-per-day-2 sectors.csv "$(lines "$SEC_HEADER" 'rail,riders per day,trips,2,0.5,1,s,low')" 'sectors.csv:2:27: per_day must be 0 or 1 (got "2")'
extra sectors-people-negative sectors.csv "$(lines "$SEC_HEADER" 'gas,meters,meter-hours,0,-1,1,s,low')" 'sectors.csv:2:26: people_per_customer must be >= 0 (got -1)'
extra sectors-no-unit sectors.csv "$(lines "$SEC_HEADER" 'gas,,meter-hours,0,1,1,s,low')" 'sectors.csv:2:5: customer_unit must not be empty'
extra areas-shares-not-one service_areas.csv "$(lines 'operator,prefecture,share' 'OP1,13,0.5' 'OP1,14,0.4')" 'service_areas.csv:2:1: the shares of operator "OP1" add up to 0.9, not 1'
extra areas-unknown-operator service_areas.csv "$(lines 'operator,prefecture,share' 'OP9,13,1')" 'service_areas.csv:2:1: unknown operator "OP9": no such id in operators.csv'
extra areas-supplier service_areas.csv "$(lines 'operator,prefecture,share' 'S1,13,1')" 'service_areas.csv:2:1: operator "S1" is a supplier, not an operator'
extra areas-duplicate service_areas.csv "$(lines 'operator,prefecture,share' 'OP1,13,0.5' 'OP1,13,0.5')" 'service_areas.csv:3:1: duplicate service area "OP1" in prefecture 13 (first at line 2)'
extra areas-prefecture-48 service_areas.csv "$(lines 'operator,prefecture,share' 'OP1,48,1')" 'service_areas.csv:2:5: prefecture must be in 1..47 (got 48)'
extra areas-share-zero service_areas.csv "$(lines 'operator,prefecture,share' 'OP1,13,0')" 'service_areas.csv:2:8: share must be in (0, 1] (got 0)'
extra population-zero population.csv "$(lines 'prefecture,population' '13,0')" 'population.csv:2:4: population must be in 1..1000000000 (got 0)'
extra population-duplicate population.csv "$(lines 'prefecture,population' '13,14047594' '13,1')" 'population.csv:3:1: duplicate prefecture 13 (first at line 2)'
extra coupling-unknown-type coupling.csv "$(lines "$COUP_HEADER" 'gas,it,ransomware,0,0.3,0.1,72,0.5,s,low')" "coupling.csv:2:8: incident_type ('*' or) must be one of: malicious_update, faulty_update, msp_push, wiper, espionage (got \"ransomware\")"
extra coupling-duplicate coupling.csv "$(lines "$COUP_HEADER" '*,ot,*,1,0,0,1,0,s,low' '*,ot,*,0.5,0,0,1,0,s,low')" "coupling.csv:3:1: duplicate coupling row for (*, ot, *) (first at line 2)"
extra coupling-capacity-above-one coupling.csv "$(lines "$COUP_HEADER" 'gas,ot,*,1.5,0,0,1,0,s,low')" 'coupling.csv:2:10: capacity_loss must be <= 1 (got 1.5)'
extra coupling-median-zero coupling.csv "$(lines "$COUP_HEADER" 'gas,it,*,0,0.3,0.1,0,0.5,s,low')" 'coupling.csv:2:20: shutdown_median_hours must be in (0, 1000000] (got 0)'
extra coupling-bad-privilege coupling.csv "$(lines "$COUP_HEADER" 'gas,root,*,1,0,0,1,0,s,low')" "coupling.csv:2:5: privilege ('*' or) must be one of: it, ot, endpoint (got \"root\")"
extra coupling-missing-source-column coupling.csv "$(lines 'sector,privilege,incident_type,capacity_loss,service_loss,shutdown_probability,shutdown_median_hours,shutdown_sigma' '*,*,*,1,0,0,1,0')" 'coupling.csv:1:1: missing required column "source"'

cases=(*/expect)
echo "${#cases[@]} cases"
