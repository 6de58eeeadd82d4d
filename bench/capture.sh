#!/usr/bin/env bash
# Capture benchmark (issue 3): landing-page scans/s with p50/p99 and lead-form intakes/s, through real HTTP
# against the whole service on MariaDB. Writes the "## Live-code capture" section of docs/BENCHMARKS.md.
#
#   bench/capture.sh                                   # 20,000 scans and 3,000 intakes, 16 client threads
#   SCANS=5000 INTAKES=1000 THREADS=8 bench/capture.sh  # a quicker run
#
# Uses its own database (NURTURE_TEST_MARIADB_DATABASE, default nurture_capture_bench), dropped and recreated,
# on the MariaDB at 127.0.0.1:3306 (root, no password; NURTURE_TEST_MARIADB_* override it).
set -euo pipefail
cd "$(dirname "$0")/.."

scans="${SCANS:-20000}"
intakes="${INTAKES:-3000}"
threads="${THREADS:-16}"
export NURTURE_TEST_MARIADB_DATABASE="${NURTURE_TEST_MARIADB_DATABASE:-nurture_capture_bench}"
rm -f target/capture-bench.md

./mvnw -q -B test-compile
# the flood limit is for floods from one address; here every request comes from 127.0.0.1 on purpose
./mvnw -q -B surefire:test -Dtest=CaptureBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dnurture.test.db=mariadb -Dnurture.bench=true -Dnurture.bench.scans="$scans" -Dnurture.bench.intakes="$intakes" \
  -Dnurture.bench.threads="$threads" -Dnurture.capture.scans-per-minute-per-address=1000000000 -Dnurture.capture.forms-per-minute-per-address=1000000000 \
  -DtrimStackTrace=false >/dev/null || { echo "the benchmark failed (see target/surefire-reports)" >&2; exit 1; }

[ -s target/capture-bench.md ] || { echo "the benchmark wrote no results (see target/surefire-reports)" >&2; exit 1; }

section="## Live-code capture (issue 3)"
{
  echo "$section"
  echo
  echo "Command: \`SCANS=$scans INTAKES=$intakes THREADS=$threads bench/capture.sh\` ($(date -u +%Y-%m-%d))"
  echo
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB RAM, shared with other builds while measured"
  echo "- $(mariadb --version 2>/dev/null | head -1 || echo 'MariaDB version unknown'), default server settings; JVM $(java -version 2>&1 | head -1)"
  echo "- load average (1/5/15 min) as the run ended: $(cut -d' ' -f1-3 /proc/loadavg), on $(nproc) cores"
  echo "- service and load generator in one JVM (the test's embedded Tomcat, java.net.http client over loopback), one channel, 5 reps, weighted routing"
  cat target/capture-bench.md
  echo
} > target/capture-bench-section.md

python3 bench/write-section.py "$section" target/capture-bench-section.md
cat target/capture-bench-section.md
