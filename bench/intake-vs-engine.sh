#!/usr/bin/env bash
# Lead intake through the public form vs bare Camunda starts of the same BPMN, on MariaDB, in one run.
# The service runs with its heap capped at 512 MB; its peak resident memory is read from /proc (VmHWM).
# Usage: bench/intake-vs-engine.sh [TOTAL] [CONCURRENCY]     (defaults 3000 and 8; WARMUP requests first, default 300)
# Writes its section of docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# what else ran on the machine meanwhile: the ratio survives a noisy machine, the absolute figures do not
NOTE=${NURTURE_BENCH_MACHINE_NOTE:-nothing else known to run}
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
TOTAL=${1:-3000}
CONCURRENCY=${2:-8}
WARMUP=${WARMUP:-300}
PORT=${BENCH_PORT:-18080}
DB_SERVICE=nurture_bench_intake
DB_ENGINE=nurture_bench_engine
DB_TRIVIAL=nurture_bench_trivial
FLAGS='?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8'
ADMIN_PASSWORD=bench-admin-password

./mvnw -q -B -DskipTests package
source bench/bare-engine.sh
for db in $DB_SERVICE $DB_ENGINE $DB_TRIVIAL; do
  fresh_database $db
done

source bench/form-service.sh
start_form_service $DB_SERVICE $PORT bench

# FormLoad and BareEngineStarts exit 1 when any request failed: with set -e the run stops there, reporting nothing
warmup=$(java bench/FormLoad.java "http://localhost:$PORT" bench "$WARMUP" "$CONCURRENCY" 1390) || { echo "warm-up had failures: $warmup" >&2; exit 1; }
intake=$(java bench/FormLoad.java "http://localhost:$PORT" bench "$TOTAL" "$CONCURRENCY" 1380) || { echo "intake had failures: $intake" >&2; exit 1; }
peak_kb=$(awk '/VmHWM/ {print $2}' /proc/$SERVICE/status)
leads=$(mariadb -uroot -N -e "select count(*) from $DB_SERVICE.captured_lead")
lifecycles=$(running_lifecycles $DB_SERVICE)
kill $SERVICE; wait $SERVICE 2>/dev/null || true
if [ "$leads" -ne $((TOTAL + WARMUP)) ] || [ "$lifecycles" -ne "$leads" ]; then
  echo "expected $((TOTAL + WARMUP)) leads each with a running lifecycle, found $leads leads and $lifecycles lifecycles" >&2
  exit 1
fi

# the bare engine, each flow warmed up first on the database it then runs on (lead: our two BPMN files; trivial:
# start, service task, wait)
bare_engine $DB_ENGINE "$WARMUP" "$CONCURRENCY" lead >/dev/null
engine=$(bare_engine $DB_ENGINE "$TOTAL" "$CONCURRENCY" lead)
bare_engine $DB_TRIVIAL "$WARMUP" "$CONCURRENCY" trivial >/dev/null
trivial=$(bare_engine $DB_TRIVIAL "$TOTAL" "$CONCURRENCY" trivial)

ratio=$(awk -v a="$(field "$intake" perSecond)" -v b="$(field "$engine" perSecond)" 'BEGIN {printf "%.2f", a/b}')
trivial_ratio=$(awk -v a="$(field "$intake" perSecond)" -v b="$(field "$trivial" perSecond)" 'BEGIN {printf "%.2f", a/b}')
heading="## Lead intake vs bare engine starts (issue 2)"
section=$(cat <<MD
$heading

\`bench/intake-vs-engine.sh $TOTAL $CONCURRENCY\`, run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores
($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB,
$(mariadb --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+-MariaDB'), $(java -version 2>&1 | head -1).
Service: the packaged jar, profile \`mysql\`, \`-Xmx512m\`, Hikari pool 20 at READ COMMITTED, history \`audit\` less
what \`process.EngineHistory\` leaves out (the bare engine keeps the same),
job executor off (pushes are timers days away; this measures intake). $CONCURRENCY concurrent clients, each
request a new lead with its own phone; $WARMUP warm-up requests first.

| what | requests | failures | per second | p50 ms | p99 ms |
|---|---|---|---|---|---|
| lead intake through \`POST /q/{code}/lead\` (HTTP, form, our tables, lead-intake + lead-lifecycle start) | $(field "$intake" requests) | $(field "$intake" failures) | $(field "$intake" perSecond) | $(field "$intake" p50ms) | $(field "$intake" p99ms) |
| bare Camunda: the same two BPMN files, delegates as no-op expressions, same database settings | $(field "$engine" requests) | $(field "$engine" failures) | $(field "$engine" perSecond) | $(field "$engine" p50ms) | $(field "$engine" p99ms) |
| bare Camunda: a trivial start → service task → event-based gateway (message or timer) flow | $(field "$trivial" requests) | $(field "$trivial" failures) | $(field "$trivial" perSecond) | $(field "$trivial" p50ms) | $(field "$trivial" p99ms) |

Intake reaches **$ratio×** the bare engine's starts of the same BPMN per second (target 0.6×) and **$trivial_ratio×**
its starts of the trivial flow (target 0.3×). Afterwards: $leads captured leads (warm-up
failures: $(field "$warmup" failures)) and $lifecycles running lifecycles, one per lead. Peak resident memory of the service (VmHWM): **$((peak_kb / 1024)) MB**
with the heap capped at 512 MB. Meanwhile: $NOTE; load average (1/5/15 min) $LOAD_START at the start,
$(cut -d' ' -f1-3 /proc/loadavg) at the end.
MD
)
echo "$section" > target/intake-vs-engine-section.md
python3 bench/write-section.py "$heading" target/intake-vs-engine-section.md
echo "$section"
