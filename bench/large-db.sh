#!/usr/bin/env bash
# Intake and event correlation on a database that already holds many leads in nurture (issue 14, point 1), against
# the same measures on a near-empty one (after the warm-up leads), in one run and one service. Every lead comes in
# through the public form, the real path (no shortcut can differ from what production writes); between sizes the
# bench only adds leads.
# At each size: PROBE new leads through the form (intake per second), then one click each through POST /api/events,
# timed until every click is correlated to its lifecycle (correlations per second).
# Usage: bench/large-db.sh [SIZES...]     (running lifecycles to measure at, ascending; default 20000 50000)
#   PROBE (default 600), WARMUP (leads before the first row, default 2000: 300 left the JVM half warm),
#   CONCURRENCY (default 8), NURTURE_BENCH_DATABASE (default nurture_bench_large)
# Writes its section of docs/BENCHMARKS.md; fails on any failed request or click left uncorrelated.
set -euo pipefail
cd "$(dirname "$0")/.."
NOTE=${NURTURE_BENCH_MACHINE_NOTE:-nothing else known to run}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(20000 50000)
PROBE=${PROBE:-600}
WARMUP=${WARMUP:-2000}
CONCURRENCY=${CONCURRENCY:-8}
PORT=${BENCH_PORT:-18094}
DB=${NURTURE_BENCH_DATABASE:-nurture_bench_large}
FLAGS='?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8'
ADMIN_PASSWORD=bench-admin-password
URL=http://localhost:$PORT

./mvnw -q -B -DskipTests package
mariadb -uroot -e "drop database if exists $DB; create database $DB character set utf8mb4 collate utf8mb4_unicode_ci"
sql() { mariadb -uroot -N "$DB" "$@"; }
source bench/form-service.sh
start_form_service $DB $PORT large

# FormLoad numbers its phones PREFIX + 7 digits from 0: each batch of leads gets a prefix of its own
form() { java bench/FormLoad.java "$URL" large "$1" "$CONCURRENCY" "$2" || { echo "form posts failed (prefix $2)" >&2; exit 1; }; }
# running lifecycles, whatever their stage (a clicked lead is engaged, still running)
running() { running_lifecycles "$DB"; }

# one click for each probe lead, in batches of 100 from CONCURRENCY clients; seconds until all are correlated
clicks() {
  local prefix=$1 started
  started=$(date +%s.%N)
  for from in $(seq 0 100 $((PROBE - 1))); do
    local batch="" sep=""
    for i in $(seq "$from" $((from + 99 < PROBE - 1 ? from + 99 : PROBE - 1))); do
      batch+=$(printf '%s{"eventId":"large-%s-%d","phone":"%s%07d","type":"LINK_CLICKED"}' "$sep" "$prefix" "$i" "$prefix" "$i")
      sep=,
    done
    echo "[$batch]"
  done | xargs -P "$CONCURRENCY" -d '\n' -I{} curl -sS -o /dev/null -w '%{http_code}\n' $A \
    -H 'Content-Type: application/json' "$URL/api/events" -d {} | grep -v '^202$' && { echo "a click batch was refused" >&2; exit 1; }
  local handled=0
  for _ in $(seq 1 3000); do
    handled=$(sql -e "select count(*) from behaviour_event where event_id like 'large-$prefix-%' and status <> 'RECEIVED'")
    [ "$handled" -eq "$PROBE" ] && break
    sleep 0.1
  done
  local correlated
  correlated=$(sql -e "select count(*) from behaviour_event where event_id like 'large-$prefix-%' and status = 'CORRELATED'")
  [ "$correlated" -eq "$PROBE" ] || { echo "only $correlated of $PROBE clicks correlated" >&2; exit 1; }
  awk -v a="$started" -v b="$(date +%s.%N)" -v n="$PROBE" 'BEGIN {printf "%.1f", n / (b - a)}'
}

form "$WARMUP" 1399 >/dev/null # warm-up
rows=()
measure() {
  local probe_prefix=$1 nurtured intake per_second
  nurtured=$(running)
  intake=$(form "$PROBE" "$probe_prefix")
  per_second=$(clicks "$probe_prefix")
  rows+=("$nurtured|$(field "$intake" perSecond)|$(field "$intake" p99ms)|$per_second")
  echo "at $nurtured running lifecycles: intake $intake, clicks correlated $per_second/s"
}
# the section as measured so far: written after every size, so that a run stopped at a large size keeps the others
report() {
  IFS='|' read -r _ empty_intake _ empty_clicks <<<"${rows[0]}"
  table=""
  for row in "${rows[@]}"; do
    IFS='|' read -r nurtured intake p99 clicked <<<"$row"
    table+="| $nurtured | $intake | $p99 | $(awk -v a="$intake" -v b="$empty_intake" 'BEGIN {printf "%.2f", a / b}') | $clicked | $(awk -v a="$clicked" -v b="$empty_clicks" 'BEGIN {printf "%.2f", a / b}') |"$'\n'
  done
  heading="## Intake and correlation on a large database (issue 14, point 1)"
  section=$(cat <<MD
$heading

\`bench/large-db.sh ${SIZES[*]}\`, run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(mariadb --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+-MariaDB')
(server defaults: a 128 MB buffer pool), the packaged jar (profile \`mysql\`, job executor off), $CONCURRENCY clients.
One service and one database throughout: every lead came in through the public form, as in production (the first
row: after $WARMUP warm-up leads); at each size $PROBE new leads through the form (intake), then one click each through \`POST /api/events\`, timed
until every click was correlated to its lifecycle.

| running lifecycles before | intake per second | intake p99 ms | vs empty | clicks correlated per second | vs empty |
|---:|---:|---:|---:|---:|---:|
${table%$'\n'}

Target of the issue: within 25 % of empty (≥ 0.75) at 1,000,000 customers and 500,000 running lifecycles; the send
window at size is measured by \`bench/push-window.sh\`. Database size at the last row:
$(sql -e "select round(sum(data_length + index_length) / 1024 / 1024) from information_schema.tables where table_schema = database()") MB.
Meanwhile: $NOTE.
MD
  )
  echo "$section" > target/large-db-section.md
  python3 bench/write-section.py "$heading" target/large-db-section.md
}

measure 1390
seeded_prefix=1370
for size in "${SIZES[@]}"; do
  missing=$((size - $(running)))
  [ "$missing" -gt 0 ] && form "$missing" $seeded_prefix >/dev/null
  seeded_prefix=$((seeded_prefix + 1))
  measure $((1391 + ${#rows[@]}))
  report
done
kill $SERVICE; wait $SERVICE 2>/dev/null || true
cat target/large-db-section.md
