#!/usr/bin/env bash
# A killed run never damages an earlier result and never leaves a file under
# the final name.
#   usage: kill_run.sh SECTORSIM SCENARIO
set -euo pipefail
bin=$1; scenario=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "kill_run: $*" >&2; exit 1; }

# 1. An earlier result under the final name survives a killed run unchanged.
"$bin" run "$scenario" -o "$tmp/out.h5" --trials 50 --quiet > /dev/null
before=$(sha256sum < "$tmp/out.h5")
for delay in 0.2 0.5 1.0; do
  "$bin" run "$scenario" -o "$tmp/out.h5" --trials 1000000 --summary-only --threads 2 --quiet > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || fail "the run finished before it could be killed"
  wait "$pid" 2>/dev/null && fail "killed run exited 0"
  [ "$(sha256sum < "$tmp/out.h5")" = "$before" ] || fail "earlier result changed after kill at ${delay}s"
done

# 2. A killed first run leaves nothing under the final name.
"$bin" run "$scenario" -o "$tmp/new.h5" --trials 1000000 --summary-only --threads 2 --quiet > /dev/null 2>&1 &
pid=$!
sleep 0.5
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
[ ! -e "$tmp/new.h5" ] || fail "a killed run left a file under the final name"

# 3. SIGTERM and SIGINT likewise.
for sig in TERM INT; do
  "$bin" run "$scenario" -o "$tmp/sig.h5" --trials 1000000 --summary-only --threads 2 --quiet > /dev/null 2>&1 &
  pid=$!
  sleep 0.5
  kill -"$sig" "$pid"
  rc=0; wait "$pid" 2>/dev/null || rc=$?
  [ "$rc" -eq 5 ] || fail "run interrupted by SIG$sig exited $rc, expected 5"
  [ ! -e "$tmp/sig.h5" ] || fail "SIG$sig left a file under the final name"
done
# 4. A run removes the temporaries that killed runs left for its output
#    (".out.h5.<pid>.<8 chars>" of a process that no longer runs).
sh -c 'exit 0' & dead=$!; wait "$dead"
touch "$tmp/.out.h5.$dead.ABCDEFGH"
"$bin" run "$scenario" -o "$tmp/out.h5" --trials 50 --quiet > /dev/null
[ ! -e "$tmp/.out.h5.$dead.ABCDEFGH" ] || fail "a killed run's temporary was not removed"
[ -z "$(find "$tmp" -name '.out.h5.*')" ] || fail "temporaries left after the run"
echo "kill_run: earlier results intact, no partial files under final names, stale temporaries removed"
