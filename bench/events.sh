#!/usr/bin/env bash
# Behaviour events on MariaDB: events ingested per second, events correlated per second, and event → follow-up
# task latency (p50/p99) while other clients keep the service busy. Drops and recreates the MariaDB database
# NURTURE_BENCH_DATABASE (default nurture_bench_events); writes its figures into docs/BENCHMARKS.md.
#   NURTURE_BENCH_CUSTOMERS  customers in nurture (default 500)
#   NURTURE_BENCH_CLIENTS    concurrent API clients (default 4)
#   NURTURE_BENCH_PROBES     single events timed to their follow-up task (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
export NURTURE_BENCH=events
export NURTURE_BENCH_DATABASE="${NURTURE_BENCH_DATABASE:-nurture_bench_events}"
exec ./mvnw -q -B test -Dtest=EventsBench -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.timeout=0 \
  -DtrimStackTrace=false
