#!/bin/sh
# tests/fuzz/triage.sh HARNESS — sort the inputs fuzz.sh found by where they
# broke (docs/testing.md "Fuzzing").  For each file of
# BUILD/fuzz/HARNESS/artifacts, reruns it through the libFuzzer binary (30 s
# at most) and prints one line: the file, the sanitizer's verdict, the
# innermost frame, and the innermost frame in our code (or "-").  An input
# whose innermost frame is in a library (libhdf5...) and whose first frame of
# ours only called that library is the library's failure; any other is ours.
set -eu
if [ $# -ne 1 ]; then
    echo "usage: $0 network|scenario|h5read" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${SSIM_FUZZ_BUILD:-$root/build-fuzz}
bin=$build/bin/fuzz_$1
export LSAN_OPTIONS="suppressions=$here/lsan.supp:fast_unwind_on_malloc=0"
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/ssim-fuzz-triage.XXXXXX")
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
for f in "$build/fuzz/$1/artifacts"/*; do
    [ -f "$f" ] || continue
    out=$(timeout 30 "$bin" -timeout=25 "$f" 2>&1) && rc=0 || rc=$?
    verdict=$(printf '%s\n' "$out" | grep -m1 -oE 'ERROR: [A-Za-z]+: [A-Za-z-]+|runtime error: .*' || true)
    [ -n "$verdict" ] || verdict="exit $rc"
    frames=$(printf '%s\n' "$out" | grep -E '^ +#[0-9]+ ' |
        grep -vE 'interceptor|fuzzer::|__sanitizer|libc_start|in _start|in malloc|in calloc|in realloc|in free' || true)
    inner=$(printf '%s\n' "$frames" | head -n1 | sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ (in )?//; s/ \(BuildId.*//')
    ours=$(printf '%s\n' "$frames" | grep -m1 -E "$root/(engine|models|analysis|cli)/" | sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ in //' || true)
    printf '%s\t%s\t%s\t%s\n' "$(basename "$f")" "$verdict" "${inner:--}" "${ours:--}"
done
