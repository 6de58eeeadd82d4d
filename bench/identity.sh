#!/usr/bin/env bash
# Identity benchmark (issue 4): imports a generated CRM export of $ROWS customers (default 1,000,000) into MariaDB
# through the real CRM import, re-imports 100,000 of them unchanged, then measures lead matching (p50/p99)
# against that many customers. Writes the "## Identity and CRM matching" section of docs/BENCHMARKS.md.
#
#   bench/identity.sh                      # 1,000,000 rows on the MariaDB at 127.0.0.1:3306 (root, no password)
#   ROWS=100000 bench/identity.sh          # a quicker run
#
# Uses its own database (NURTURE_TEST_MARIADB_DATABASE, default nurture_identity_bench), dropped and recreated.
set -euo pipefail
cd "$(dirname "$0")/.."

rows="${ROWS:-1000000}"
export NURTURE_TEST_MARIADB_DATABASE="${NURTURE_TEST_MARIADB_DATABASE:-nurture_identity_bench}"

./mvnw -q -B test-compile
./mvnw -q -B surefire:test -Dtest=IdentityBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dnurture.test.db=mariadb -Dnurture.bench=true -Dnurture.bench.rows="$rows" \
  -DtrimStackTrace=false > target/identity-bench.log || { tail -50 target/identity-bench.log >&2; echo "the benchmark failed" >&2; exit 1; }
grep -E "^(import|- )" target/identity-bench.log || true

[ -s target/identity-bench.md ] || { echo "the benchmark wrote no results" >&2; exit 1; }

section="## Identity and CRM matching (issue 4)"
{
  echo "$section"
  echo
  echo "Command: \`ROWS=$rows bench/identity.sh\` ($(date -u +%Y-%m-%d))"
  echo
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB RAM, shared with other builds while measured"
  echo "- $(mariadb --version 2>/dev/null | head -1 || echo 'MariaDB version unknown'), default server settings; JVM $(java -version 2>&1 | head -1)"
  echo "- import settings: chunks of 1,000 rows per transaction, one import thread, Connector/J without rewriteBatchedStatements"
  cat target/identity-bench.md
  echo
} > target/identity-bench-section.md

python3 bench/write-section.py "$section" target/identity-bench-section.md
cat target/identity-bench-section.md
