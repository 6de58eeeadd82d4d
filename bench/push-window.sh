#!/usr/bin/env bash
# Customer pushes per second when a NOON send window opens with N leads due (NURTURE_BENCH_SIZES, default
# 10000,30000,100000), against the bare engine's timers/s, in one run on MariaDB with the shipped job-executor
# settings and the bench JVM capped at 512 MB. Drops and recreates the MariaDB database NURTURE_BENCH_DATABASE
# (default nurture_bench) for each size; writes its figures into docs/BENCHMARKS.md.
# NURTURE_BENCH_MACHINE_NOTE says what else ran on the machine meanwhile (the load average is recorded anyway).
set -euo pipefail
cd "$(dirname "$0")/.."
export NURTURE_BENCH=push-window
export NURTURE_BENCH_SIZES="${NURTURE_BENCH_SIZES:-10000,30000,100000}"
export NURTURE_BENCH_DATABASE="${NURTURE_BENCH_DATABASE:-nurture_bench}"
export NURTURE_BENCH_MACHINE_NOTE="${NURTURE_BENCH_MACHINE_NOTE:-load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)}"
exec ./mvnw -q -B test -Dtest=PushWindowBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.timeout=0 -DtrimStackTrace=false -DargLine=-Xmx512m
