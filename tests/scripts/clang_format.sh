#!/usr/bin/env bash
# The format gate: every tracked *.c/*.h is as clang-format 14 (Debian 12)
# would write it under the committed .clang-format.  Lists the files that
# differ and shows the first one's diagnostics; the fix is `clang-format -i`.
#   usage: clang_format.sh CLANG_FORMAT SOURCE_DIR
# Exit: 0 formatted; 1 files differ, or clang-format or the checkout missing;
# 77 (skipped) a clang-format other than 14, whose output differs.
set -euo pipefail
cf=$1; src=$2
if ! command -v "$cf" >/dev/null; then
  echo "clang-format not found ($cf): apt-get install clang-format (./setup.sh does)" >&2
  exit 1
fi
version=$("$cf" --version)
if ! grep -q 'version 14\.' <<<"$version"; then
  echo "skipped: the format reference is clang-format 14 (Debian 12); this is: $version" >&2
  exit 77
fi
cd "$src"
[ -f .clang-format ] || { echo "$src/.clang-format missing" >&2; exit 1; }
# benchmarks/results/ keeps the code of past experiments as it ran.
mapfile -d '' files < <(git ls-files -z -- '*.c' '*.h' ':!benchmarks/results/')
((${#files[@]})) || { echo "no tracked *.c/*.h in $src (not a git checkout?)" >&2; exit 1; }
# One clang-format run over every file (fast); the files it names are the bad ones.
report=$("$cf" --style=file --dry-run -Werror "${files[@]}" 2>&1) && rc=0 || rc=$?
mapfile -t bad < <(grep -oE '^[^:]+:[0-9]+:[0-9]+: (warning|error):' <<<"$report" | cut -d: -f1 | sort -u)
if ((rc != 0 || ${#bad[@]})); then
  if ((${#bad[@]} == 0)); then
    echo "clang-format failed (exit $rc):" >&2
    head -n 30 <<<"$report" >&2
    exit 1
  fi
  echo "clang-format: ${#bad[@]} of ${#files[@]} files are not formatted:" >&2
  printf '  %s\n' "${bad[@]}" >&2
  echo "the first of them (${version}):" >&2
  grep -A2 -m 10 -F "${bad[0]}:" <<<"$report" >&2 || true
  echo "fix: clang-format -i <files>" >&2
  exit 1
fi
echo "clang-format: ${#files[@]} files formatted"
