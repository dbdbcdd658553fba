#!/usr/bin/env bash
# The whole suite N times in a row (default 3) on a machine loaded by a parallel `npm run bench` (issue 17).
# Works on a fresh clone of this checkout's HEAD in a temporary folder, so nothing here is touched:
#   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test bash scripts/suite-under-bench.sh [runs]
# Each run's result goes to <work>/summary.txt and its log beside it; the exit code is the number of failed runs.
set -u
runs="${1:-3}"
: "${TEST_DATABASE_URL:?set TEST_DATABASE_URL (the suite and the load benchmark need PostgreSQL)}"
export TEST_DATABASE_URL
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/suite-under-bench.XXXXXX)"
echo "== working in $work (summary: $work/summary.txt)"
git clone -q "$repo" "$work/repo" && cd "$work/repo" || exit 1
git log --oneline -1 > "$work/commit.txt"
npm ci --no-audit --no-fund > "$work/npmci.log" 2>&1 || { echo "npm ci failed: $work/npmci.log"; exit 1; }
# The benchmark loop in a session of its own (setsid), so that stopping it stops every server it started:
# turbo puts each task in a process group of its own, but they all stay in this session.
export work
setsid bash -c '
  n=0
  while [ ! -e "$work/stop" ]; do
    n=$((n + 1)); s=$(date +%s)
    npm run bench > "$work/bench-$n.log" 2>&1; rc=$?
    echo "bench $n rc=$rc $(($(date +%s) - s))s $(date -u +%H:%M)" >> "$work/summary.txt"
  done
' &
bench=$!
sleep 60 # the benchmarks build and seed first; the suite starts under their load
failed=0
for i in $(seq 1 "$runs"); do
  s=$(date +%s)
  CI=true npm test > "$work/test-$i.log" 2>&1; rc=$?
  [ "$rc" = 0 ] || failed=$((failed + 1))
  echo "test $i rc=$rc $(($(date +%s) - s))s $(date -u +%H:%M) load=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$work/summary.txt"
done
touch "$work/stop"
echo "suite done; stopping the benchmarks" >> "$work/summary.txt"
pkill -TERM -s "$bench" 2>/dev/null; sleep 10; pkill -KILL -s "$bench" 2>/dev/null; wait "$bench" 2>/dev/null
cat "$work/summary.txt"
exit "$failed"
