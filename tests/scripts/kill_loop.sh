#!/usr/bin/env bash
# kill -9 at random moments of every phase (issue 18): `run` (loading, trials,
# summaries, HDF5 build, write and commit), `compare` and `generate` writing a
# network directory over an earlier one.  After each kill the final name
# holds exactly the earlier result (byte-identical) or, when the kill came
# after the commit, the complete new result (identical outside /provenance
# to an uninterrupted run's: same verification hash and every dataset; for a
# network, the same four files as an uninterrupted generate); never anything
# partial, never a file other than the final names and hidden temporaries.
# After the kills, one more uninterrupted run to the same output must leave
# no temporary at all.
#   usage: kill_loop.sh SECTORSIM SOURCE_DIR KILLS [SEED]
# An uninterrupted run of each command (the reference) is timed phase by
# phase from what it prints; kill k falls in phase k mod P (and up to 5 %
# past the end), uniformly within it, drawn from SEED (default: from the
# clock; a failure prints it to replay).  KILLS / 2 go to run, the rest to
# compare and generate.
set -uo pipefail
bin=$1; src=$2; kills=$3; seed=${4:-$(( $(date +%s%N) % 1000000007 ))}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
RANDOM=$seed
py=/usr/bin/python3
h5cmp="$src/tests/scripts/h5compare.py"
fail=0; damaged=0; left_total=0
declare -A phases
say() { echo "kill_loop: $*"; }
bad() { say "FAIL (seed $seed): $*"; fail=1; }
ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); } # bash 5: no fork

# files other than the final names: hidden temporaries of this output only
strays() { # DIR NAME... : lists files in DIR that are neither a NAME nor a
           # temporary/backup of one (.NAME.PID.XXXXXXXX, .NAME.old.PID.XXXXXXXX)
  local dir=$1; shift
  local f base ok n
  for f in "$dir"/* "$dir"/.[!.]*; do
    [ -e "$f" ] || [ -L "$f" ] || continue
    base=${f##*/}; ok=0
    for n in "$@"; do
      [ "$base" = "$n" ] && ok=1
      [[ "$base" =~ ^\.${n//./\\.}\.(old\.)?[0-9]+\.[A-Za-z0-9]{8}$ ]] && ok=1
    done
    [ $ok = 1 ] || echo "$base"
  done
}
temps() { # DIR NAME... : count of hidden temporaries/backups of the NAMEs
  local dir=$1; shift; local n c=0
  for n in "$@"; do c=$((c + $(find "$dir" -maxdepth 1 -name ".$n.*" | wc -l))); done
  echo $c
}
seen() { # DIR NAME... : record the temporaries/backups present now (by name)
  local dir=$1; shift; local n
  for n in "$@"; do find "$dir" -maxdepth 1 -name ".$n.*" >> "$tmp/seen"; done
}
: > "$tmp/seen"

# The moment of kill k (ms): phase k mod P of the boundaries b0 < b1 < ...
# < bP (ms after the start), uniformly within it.
moment() { local k=$1; shift; local b=("$@"); local p=$(( k % (${#b[@]} - 1) ))
  echo $(( b[p] + RANDOM * (b[p + 1] - b[p]) / 32768 )); }
# profile OUT PATTERN... -- COMMAND...: run COMMAND once (uninterrupted, its
# result in OUT) and print 0, the ms at which each PATTERN first appeared in
# its output (stdout and stderr), and 1.05 x the end.
profile() {
  local out=$1; shift; local pats=() t0 t line
  while [ "$1" != -- ]; do pats+=("$1"); shift; done; shift
  t0=$(ms)
  "$@" -o "$out" 2>&1 | while IFS= read -r line; do
    t=${EPOCHREALTIME/[.,]/}; echo "$(( t / 1000 - t0 )) $line"; done > "$tmp/profile"
  local end=$(( $(ms) - t0 )) p at
  [ "${PIPESTATUS[0]}" = 0 ] || bad "uninterrupted $* failed"
  printf '0'
  for p in "${pats[@]}"; do
    at=$(grep -m1 -e "$p" "$tmp/profile" | cut -d' ' -f1)
    printf ' %s' "${at:-$end}"
  done
  printf ' %s %s\n' "$end" $(( end * 21 / 20 + 1 ))
}
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# kill_h5 LABEL N OUT REF -- COMMAND...: N kills of a command writing OUT,
# whose uninterrupted result is REF (earlier result already at OUT).
kill_h5() {
  local label=$1 n=$2 out=$3 ref=$4; shift 4
  local b=(); while [ "$1" != -- ]; do b+=("$1"); shift; done; shift
  local k d pid rc phase before
  for ((k = 0; k < n; k++)); do
    d=$(moment "$k" "${b[@]}")
    before=$(sha256sum < "$out")
    "$@" -o "$out" > "$tmp/k.out" 2> "$tmp/k.err" & pid=$!
    sleep_ms "$d"
    if kill -9 "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; rc=137; else wait "$pid"; rc=$?; fi
    if [ ! -f "$out" ]; then bad "$label kill $k at ${d} ms: no file under the final name"; damaged=$((damaged + 1)); continue; fi
    if [ "$(sha256sum < "$out")" = "$before" ]; then
      phase=$(phase_of "$label")
    elif "$py" "$h5cmp" "$ref" "$out" > "$tmp/cmp" 2>&1; then
      phase=committed
    else
      bad "$label kill $k at ${d} ms: the file under the final name is neither the earlier nor the complete new result: $(cat "$tmp/cmp")"
      damaged=$((damaged + 1)); phase=damaged
    fi
    [ "$rc" -eq 0 ] && phase=finished
    phases["$label $phase"]=$(( ${phases["$label $phase"]:-0} + 1 ))
    seen "$tmp/$label" "${out##*/}"
    local s; s=$(strays "$tmp/$label" "${out##*/}")
    [ -z "$s" ] || bad "$label kill $k at ${d} ms: stray files: $s"
  done
}

# Where a killed run was, from what it had printed (stderr unbuffered; stdout
# is flushed after the verification hash).
phase_of() {
  case $1 in
    run)
      if ! grep -q 'estimated output size' "$tmp/k.err"; then echo loading
      elif ! grep -q ' trials in ' "$tmp/k.err"; then echo trials
      elif ! grep -q 'verification hash' "$tmp/k.out"; then echo summaries
      else echo h5-build-write; fi ;;
    compare)
      local n; n=$(grep -c ' trials in ' "$tmp/k.err")
      if ! grep -q ' -> ' "$tmp/k.err"; then echo loading
      elif [ "$n" -lt 10 ]; then echo trials
      else echo table-write; fi ;;
  esac
}

nrun=$(( kills / 2 )); ncmp=$(( (kills - nrun) / 2 )); ngen=$(( kills - nrun - ncmp ))

# after_kills NAME REF CMD...: count the temporaries the kills left in
# $tmp/NAME, run CMD once more to $tmp/NAME/out.h5: the reference result, and
# no temporary left.
after_kills() {
  local name=$1 ref=$2; shift 2
  local left; left=$(temps "$tmp/$name" out.h5); left_total=$((left_total + left))
  "$@" -o "$tmp/$name/out.h5" --quiet > /dev/null || bad "$name after the kills failed"
  "$py" "$h5cmp" "$ref" "$tmp/$name/out.h5" > /dev/null || bad "$name after the kills: not the reference result"
  [ "$(temps "$tmp/$name" out.h5)" = 0 ] || bad "$name: temporaries left after the next run: $(ls -a "$tmp/$name")"
}

# ---- run: Japan baseline, 800 trials with per-trial rows
mkdir "$tmp/run"
scen="$src/scenarios/japan/baseline.yaml"
runcmd=("$bin" run "$scen" --trials 800 --threads 2)
"${runcmd[@]}" -o "$tmp/run/out.h5" --trials 40 --quiet > /dev/null || bad "earlier run failed"
b=$(profile "$tmp/ref.h5" 'estimated output size' ' trials in ' 'verification hash' -- "${runcmd[@]}")
say "run: phases end at $b ms (loading, trials, summaries, HDF5 build and write, commit; after), $nrun kills"
kill_h5 run "$nrun" "$tmp/run/out.h5" "$tmp/ref.h5" $b -- "${runcmd[@]}"
after_kills run "$tmp/ref.h5" "${runcmd[@]}"

# ---- compare: the Japan options, 80 trials each
mkdir "$tmp/compare"
cscen="$src/scenarios/japan/regulation_options.yaml"
cmpcmd=("$bin" compare "$cscen" --trials 80 --threads 2)
"${cmpcmd[@]}" -o "$tmp/compare/out.h5" --trials 20 --quiet > /dev/null || bad "earlier compare failed"
b=$(profile "$tmp/cref.h5" ' -> ' 'option 9/9' -- "${cmpcmd[@]}")
say "compare: phases end at $b ms (loading, baseline and 8 options, last option, table and write; after), $ncmp kills"
kill_h5 compare "$ncmp" "$tmp/compare/out.h5" "$tmp/cref.h5" $b -- "${cmpcmd[@]}"
after_kills compare "$tmp/cref.h5" "${cmpcmd[@]}"

# ---- generate: a synthetic network of 10 000 operators over an earlier one
gen=("$bin" generate synthetic --operators 10000)
files=(operators.csv suppliers.csv supply.csv dependencies.csv)
netsum() { (cd "$1" && sha256sum "${files[@]}" 2>/dev/null); }
"${gen[@]}" --seed 1 -o "$tmp/gen" --quiet > /dev/null || bad "earlier generate failed"
echo "the user's notes" > "$tmp/gen/notes.txt"
b=$(profile "$tmp/gref" 'synthetic: ' -- "${gen[@]}" --seed 2)
say "generate: phases end at $b ms (generating and writing, checking and commit, printing; after), $ngen kills"
old=$(netsum "$tmp/gen"); new=$(netsum "$tmp/gref"); notes=$(sha256sum < "$tmp/gen/notes.txt")
for ((k = 0; k < ngen; k++)); do
  d=$(moment "$k" $b)
  "${gen[@]}" --seed 2 -o "$tmp/gen" > "$tmp/k.out" 2> "$tmp/k.err" & pid=$!
  sleep_ms "$d"
  if kill -9 "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; rc=137; else wait "$pid"; rc=$?; fi
  now=$(netsum "$tmp/gen")
  if [ "$now" = "$old" ]; then
    if grep -q 'synthetic: ' "$tmp/k.err"; then phase=check-commit; else phase=generating; fi
  elif [ "$now" = "$new" ]; then phase=committed; old=$new
  else bad "generate kill $k at ${d} ms: the directory holds neither the earlier nor the new network"; damaged=$((damaged + 1)); phase=damaged; fi
  [ "$rc" -eq 0 ] && phase=finished
  phases["generate $phase"]=$(( ${phases["generate $phase"]:-0} + 1 ))
  [ "$(sha256sum < "$tmp/gen/notes.txt")" = "$notes" ] || bad "generate kill $k: the user's file changed"
  seen "$tmp/gen" "${files[@]}"
  s=$(strays "$tmp/gen" "${files[@]}" notes.txt)
  [ -z "$s" ] || bad "generate kill $k at ${d} ms: stray files: $s"
done
left=$(temps "$tmp/gen" "${files[@]}"); left_total=$((left_total + left))
"${gen[@]}" --seed 2 -o "$tmp/gen" --quiet > /dev/null || bad "generate after the kills failed"
[ "$(netsum "$tmp/gen")" = "$new" ] || bad "generate after the kills: not the reference network"
[ "$(temps "$tmp/gen" "${files[@]}")" = 0 ] || bad "generate: temporaries left after the next run: $(ls -a "$tmp/gen")"

for key in "${!phases[@]}"; do echo "  $key: ${phases[$key]}"; done | sort
say "$kills kills (seed $seed): $damaged outputs damaged; $(sort -u "$tmp/seen" | wc -l) temporaries or backups seen after a kill, $left_total still there after the last kill of each command, 0 after the next run$([ $fail = 0 ] || echo ' -- FAILURES above')"
exit $fail
