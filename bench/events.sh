#!/usr/bin/env bash
# Behaviour events on MariaDB: events ingested per second, events correlated per second, and event → follow-up
# task latency (p50/p99) while other clients keep the service busy. Drops and recreates the MariaDB database
# NURTURE_BENCH_DATABASE (default nurture_bench_events), beside the bare engine's message correlations on the same
# server (database ..._bare); writes its figures into docs/BENCHMARKS.md.
#   NURTURE_BENCH_CUSTOMERS  customers in nurture (default 2000: at 500 the bare half lasts two seconds and its figure swings twofold)
#   NURTURE_BENCH_CLIENTS    concurrent API clients (default 4)
#   NURTURE_BENCH_PROBES     single events timed to their follow-up task (default 100)
#   NURTURE_BENCH_CORRELATION_THREADS  the service's correlation threads (default: as many as clients, as the bare
#                            engine gets)
set -euo pipefail
cd "$(dirname "$0")/.."
export NURTURE_BENCH=events
export NURTURE_BENCH_DATABASE="${NURTURE_BENCH_DATABASE:-nurture_bench_events}"

# the bare engine first, in the same run: the same lifecycle BPMN with no-op delegates and the same history,
# one engagement message per lead by business key, as many threads as the bench has clients
source bench/bare-engine.sh
fresh_database "${NURTURE_BENCH_DATABASE}_bare"
bare=$(bare_engine "${NURTURE_BENCH_DATABASE}_bare" "${NURTURE_BENCH_CUSTOMERS:-2000}" "${NURTURE_BENCH_CLIENTS:-4}" correlate)
export NURTURE_BENCH_BARE_CORRELATIONS=$(echo "$bare" | sed -E 's/.*"perSecond":([0-9.]+).*/\1/')
exec ./mvnw -q -B test -Dtest=EventsBench -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.timeout=0 \
  -DtrimStackTrace=false
