#!/usr/bin/env bash
# Pinned results: every case of tests/pinned_hashes.txt is run and its
# verification hash (run) or the first 16 hex digits of the SHA-256 of its
# result table (compare's and risk's stdout, criticality's CSV) must equal the pinned
# value.  A refactoring leaves every one unchanged; a change to the model's
# semantics re-pins the file in the same commit and says why.
#   usage: pinned_hashes.sh SECTORSIM SOURCE_DIR [--print]
#   --print: print the table with the values this build gives (to re-pin)
set -euo pipefail
bin=$1; src=$2; mode=${3:-check}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
trim() { local s=$1; s=${s#"${s%%[! ]*}"}; printf '%s' "${s%"${s##*[! ]}"}"; }
while IFS='|' read -r name kind pinned spec; do
  name=$(trim "$name")
  case "$name" in ''|'#'*) continue ;; esac
  kind=$(trim "$kind"); pinned=$(trim "$pinned"); spec=$(trim "$spec")
  read -r -a args <<< "${spec//@SRC@/$src}"
  case "$kind" in
    run) got=$("$bin" run "${args[@]}" -o "$tmp/$name.h5" --quiet --threads 2 |
               sed -n 's/^verification hash: //p') ;;
    compare) got=$("$bin" compare "${args[@]}" -o "$tmp/$name.h5" --quiet --threads 2 |
                   sha256sum | cut -c1-16) ;;
    risk) got=$("$bin" risk "${args[@]}" -o "$tmp/$name.h5" --quiet --threads 2 |
                sha256sum | cut -c1-16) ;;
    criticality) "$bin" criticality "${args[@]}" -o "$tmp/$name.csv" --quiet --threads 2 >/dev/null
                 got=$(sha256sum < "$tmp/$name.csv" | cut -c1-16) ;;
    *) echo "pinned_hashes: unknown kind '$kind' for $name" >&2; exit 2 ;;
  esac
  n=$((n + 1))
  if [ "$mode" = "--print" ]; then
    printf '%-26s | %-11s | %-16s | %s\n' "$name" "$kind" "$got" "$spec"
  elif [ "$got" != "$pinned" ]; then
    echo "FAIL $name: got '$got', pinned '$pinned'" >&2; fail=1
  else
    echo "ok   $name $got"
  fi
done < "$src/tests/pinned_hashes.txt"
[ "$n" -gt 0 ] || { echo "pinned_hashes: no cases" >&2; exit 1; }
[ "$mode" = "--print" ] || echo "pinned_hashes: $n cases, $([ $fail = 0 ] && echo 'all as pinned' || echo 'CHANGED')"
exit $fail
