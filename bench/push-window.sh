#!/usr/bin/env bash
# With NURTURE_BENCH_LEADS (default 100000) leads waiting on MariaDB, how many SOP pushes per second go out when the
# send window opens. Drops and recreates the MariaDB database NURTURE_BENCH_DATABASE (default nurture_bench);
# writes its figures into docs/BENCHMARKS.md. NURTURE_BENCH_MACHINE_NOTE says what else ran on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
export NURTURE_BENCH=push-window
export NURTURE_BENCH_LEADS="${NURTURE_BENCH_LEADS:-100000}"
export NURTURE_BENCH_DATABASE="${NURTURE_BENCH_DATABASE:-nurture_bench}"
exec ./mvnw -q -B test -Dtest=PushWindowBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.timeout=0 -DtrimStackTrace=false
