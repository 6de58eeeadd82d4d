#!/usr/bin/env bash
# Every benchmark at a smoke size (seconds of load each), as CI runs them after the suites (.ci/run): a change
# that breaks a bench, or a bench that stops checking its own requests, fails the build the day it lands. Each bench
# still fails on any failed request or baseline; docs/BENCHMARKS.md is left alone (NURTURE_BENCH_SMOKE), since
# figures come only from full runs. Each bench uses its own database, dropped and recreated, on the MariaDB at
# 127.0.0.1:3306; without one the smoke runs are skipped and say so, except in CI (CI set), where that fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! mariadb-admin -uroot ping >/dev/null 2>&1; then
  if [ -n "${CI:-}" ]; then
    echo "bench smoke: CI needs the MariaDB at 127.0.0.1:3306" >&2
    exit 1
  fi
  echo "SKIPPED the bench smoke runs: no MariaDB at 127.0.0.1:3306"
  exit 0
fi

export NURTURE_BENCH_SMOKE=1
failed=()
run() {
  local name=$1
  shift
  local started=$SECONDS log="target/bench-smoke-$name.log"
  if "$@" >"$log" 2>&1; then
    echo "bench smoke: $name passed in $((SECONDS - started)) s"
  else
    echo "bench smoke: $name FAILED after $((SECONDS - started)) s; the end of $log:" >&2
    tail -30 "$log" >&2
    failed+=("$name")
  fi
}

mkdir -p target
run intake-vs-engine env WARMUP=20 BENCH_PORT=18090 bench/intake-vs-engine.sh 60 2
run capture env SCANS=300 INTAKES=60 THREADS=4 NURTURE_TEST_MARIADB_DATABASE=nurture_smoke_capture bench/capture.sh
run identity env ROWS=2000 NURTURE_TEST_MARIADB_DATABASE=nurture_smoke_identity bench/identity.sh
run events env NURTURE_BENCH_CUSTOMERS=30 NURTURE_BENCH_CLIENTS=2 NURTURE_BENCH_PROBES=5 \
  NURTURE_BENCH_DATABASE=nurture_smoke_events bench/events.sh
run reports env NURTURE_BENCH_DATABASE=nurture_smoke_reports BENCH_PORT=18091 bench/reports.sh 2000 20000
run push-window env NURTURE_BENCH_SIZES=300 NURTURE_BENCH_DATABASE=nurture_smoke_push bench/push-window.sh
run footprint env NURTURE_BENCH_DATABASE=nurture_smoke_footprint BENCH_PORT=18093 bench/footprint.sh 50
run large-db env WARMUP=20 PROBE=20 NURTURE_BENCH_DATABASE=nurture_smoke_large BENCH_PORT=18094 bench/large-db.sh 100
run two-nodes env WARMUP=20 NURTURE_BENCH_DATABASE=nurture_smoke_two BENCH_PORT=18095 bench/two-nodes.sh 60 4
run statements env BARE=30 NURTURE_BENCH_DATABASE=nurture_smoke_statements BENCH_PORT=18097 bench/statements.sh 5

if [ ${#failed[@]} -gt 0 ]; then
  echo "bench smoke: ${failed[*]} failed" >&2
  exit 1
fi
