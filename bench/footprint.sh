#!/usr/bin/env bash
# Bytes per lead on MariaDB (issue 14, point 3): what N running lifecycles add to the database, our tables and the
# engine's, data and indexes, what is left of them once every one has ended (a purchase), and what is left once
# their history's time to live has passed and the engine's history cleanup has run (the service restarted with the
# simulation clock, moved 181 days on), with the pace of that cleanup. Leads come in through the public form,
# exactly as in production; the purchases through POST /api/events.
# Sizes are InnoDB's own (data_length + index_length after ANALYZE TABLE, whole 16 KB pages), measured against the
# same database just before the leads came in, so the figure is what N more leads cost.
# Usage: bench/footprint.sh [LEADS]     (default 3000; CONCURRENCY, default 8)
# Writes its section of docs/BENCHMARKS.md; fails on any failed request and when not every lead runs, then ends.
set -euo pipefail
cd "$(dirname "$0")/.."
NOTE=${NURTURE_BENCH_MACHINE_NOTE:-nothing else known to run}
LEADS=${1:-3000}
CONCURRENCY=${CONCURRENCY:-8}
PORT=${BENCH_PORT:-18092}
DB=${NURTURE_BENCH_DATABASE:-nurture_bench_footprint}
FLAGS='?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8'
ADMIN_PASSWORD=bench-admin-password
PREFIX=1370

./mvnw -q -B -DskipTests package
mariadb -uroot -e "drop database if exists $DB; create database $DB character set utf8mb4 collate utf8mb4_unicode_ci"
sql() { mariadb -uroot -N "$DB" "$@"; }

source bench/form-service.sh
start_form_service $DB $PORT footprint
# one lead first, so that every table a lead touches has its first pages before the baseline
java bench/FormLoad.java "http://localhost:$PORT" footprint 1 1 1360 >/dev/null

# bytes of our tables and of the engine's (ACT_*), data and indexes, after fresh statistics; "rebuilt": after
# OPTIMIZE TABLE, so that pages freed by deleted rows and half-filled by page splits count no more
sizes() {
  local tables
  tables=$(sql -e "select table_name from information_schema.tables where table_schema = database()")
  if [ "${1:-}" = rebuilt ]; then
    echo "$tables" | sed 's/.*/optimize table `&`;/' | sql >/dev/null
  fi
  echo "$tables" | sed 's/.*/analyze table `&`;/' | sql >/dev/null
  sql -e "select sum(if(table_name like 'ACT\\_%', data_length, 0)), sum(if(table_name like 'ACT\\_%', index_length, 0)),
                 sum(if(table_name like 'ACT\\_%', 0, data_length)), sum(if(table_name like 'ACT\\_%', 0, index_length))
          from information_schema.tables where table_schema = database()"
}
# bytes of each table (data and indexes)
table_bytes() { sql -e "select table_name, data_length + index_length from information_schema.tables where table_schema = database()"; }
# rows the engine keeps per lead while it waits: runtime executions, jobs, event subscriptions, tasks, variables
rows() {
  sql -e "select (select count(*) from ACT_RU_EXECUTION), (select count(*) from ACT_RU_JOB),
                 (select count(*) from ACT_RU_EVENT_SUBSCR), (select count(*) from ACT_RU_TASK),
                 (select count(*) from ACT_RU_VARIABLE)"
}
read -r e_data0 e_index0 o_data0 o_index0 <<<"$(sizes rebuilt)"
baseline_tables=$(mktemp)
table_bytes >"$baseline_tables"
read -r x0 j0 s0 t0 v0 <<<"$(rows)"

intake=$(java bench/FormLoad.java "http://localhost:$PORT" footprint "$LEADS" "$CONCURRENCY" $PREFIX) \
  || { echo "intake had failures: $intake" >&2; exit 1; }
running=$(sql -e "select count(*) from customer where lifecycle_instance_id is not null and stage = 'NURTURING'")
[ "$running" -eq $((LEADS + 1)) ] || { echo "expected $((LEADS + 1)) leads in nurture, found $running" >&2; exit 1; }
read -r g_data1 g_index1 p_data1 p_index1 <<<"$(sizes)"
read -r e_data1 e_index1 o_data1 o_index1 <<<"$(sizes rebuilt)"
read -r x1 j1 s1 t1 v1 <<<"$(rows)"

# every lead buys: its lifecycle ends, its runtime rows go, its history stays until its time to live has passed
for i in $(seq 0 $((LEADS - 1))); do
  printf '{"eventId":"footprint-%d","phone":"%s%07d","type":"PURCHASED"}\n' "$i" "$PREFIX" "$i"
done | xargs -P "$CONCURRENCY" -d '\n' -I{} curl -sS -o /dev/null -w '%{http_code}\n' $A -H 'Content-Type: application/json' \
  "localhost:$PORT/api/events" -d {} >"$log.events"
accepted=$(grep -c '^202$' "$log.events" || true)
[ "$accepted" -eq "$LEADS" ] || { echo "$((LEADS - accepted)) purchase events were not accepted" >&2; exit 1; }
for _ in $(seq 1 300); do
  bought=$(sql -e "select count(*) from customer where stage = 'CUSTOMER'")
  [ "$bought" -eq "$LEADS" ] && break
  sleep 1
done
[ "$bought" -eq "$LEADS" ] || { echo "only $bought of $LEADS leads ended as customers" >&2; exit 1; }
read -r e_data2 e_index2 o_data2 o_index2 <<<"$(sizes rebuilt)"
# where an ended lead's bytes are: the tables that grew most over the baseline, per lead
largest() {
  table_bytes | awk -v n="$LEADS" 'NR == FNR {before[$1] = $2; next} {print $2 - before[$1], $1}' "$baseline_tables" - \
    | sort -rn | head -5 | awk -v n="$LEADS" '{printf "%s%s %.1f KB", sep, $2, $1 / n / 1024; sep=", "}'
}
largest_ended=$(largest)
read -r x2 j2 s2 t2 v2 <<<"$(rows)"

# the first lead buys too, so that nothing runs while the clock passes every ended lead's time to live
curl -sSf -o /dev/null $A -H 'Content-Type: application/json' "localhost:$PORT/api/events" \
  -d '{"eventId":"footprint-first","phone":"13600000000","type":"PURCHASED"}'
for _ in $(seq 1 60); do
  [ "$(sql -e "select count(*) from customer where stage = 'NURTURING'")" -eq 0 ] && break
  sleep 1
done
kill $SERVICE; wait $SERVICE 2>/dev/null || true
# the leads' history rows (not the send windows')
LEAD_FLOWS="PROC_DEF_KEY_ in ('lead-intake', 'lead-lifecycle')"
history_rows() {
  local leads=$LEAD_FLOWS
  sql -e "select (select count(*) from ACT_HI_PROCINST where $leads) + (select count(*) from ACT_HI_ACTINST where $leads)
           + (select count(*) from ACT_HI_TASKINST where $leads) + (select count(*) from ACT_HI_VARINST where $leads)"
}
history_before=$(history_rows)
# the engine's own cleanup job runs in its nightly window (01:00-05:00), as it would in production: the simulation
# clock runs each due job at its due time. 179 days on, every night has run and no lead's time to live (180 days from
# its start) has passed yet; two more days, and the one night between removes every ended lead's history: its pace
start_service $DB $PORT ,simulation
clock() { curl -sSf $A -H 'Content-Type: application/json' "localhost:$PORT/api/simulation/clock" -d "{\"advance\":\"$1\"}"; }
clock P179D >/dev/null
history_kept=$(history_rows)
started=$(date +%s.%N)
moved=$(clock P2D)
cleanup_seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
kill $SERVICE; wait $SERVICE 2>/dev/null || true
left=$(sql -e "select count(*) from ACT_HI_PROCINST where $LEAD_FLOWS")
[ "$left" -eq 0 ] || { echo "history cleanup left $left lead flows: $moved" >&2; exit 1; }
[ "$history_kept" -eq "$history_before" ] || { echo "history went before its time: $history_kept of $history_before rows" >&2; exit 1; }
windows=$(sql -e "select count(*) from ACT_HI_PROCINST")
read -r e_data3 e_index3 o_data3 o_index3 <<<"$(sizes rebuilt)"
largest_cleaned=$(largest)
pace=$(awk -v n="$LEADS" -v s="$cleanup_seconds" 'BEGIN {printf "%.0f", n / s}')
per_window=$(awk -v n="$LEADS" -v s="$cleanup_seconds" 'BEGIN {printf "%.0f", n / s * 4 * 3600}')

per() { awk -v a="$1" -v b="$2" -v n="$LEADS" 'BEGIN {printf "%.1f", (a - b) / n / 1024}'; }
each() { awk -v a="$1" -v b="$2" -v n="$LEADS" 'BEGIN {printf "%.1f", (a - b) / n}'; }
all() { awk -v a="$(($1 + $2 + $3 + $4))" -v b="$((e_data0 + e_index0 + o_data0 + o_index0))" -v n="$LEADS" 'BEGIN {printf "%.1f", (a - b) / n / 1024}'; }
heading="## Bytes per lead (issue 14, point 3)"
section=$(cat <<MD
$heading

\`bench/footprint.sh $LEADS\`, run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(mariadb --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+-MariaDB')
(server defaults), the packaged jar (profile \`mysql\`, history \`audit\` less what \`process.EngineHistory\` leaves out, job executor off). $LEADS leads through
the public form ($CONCURRENCY clients), then a \`PURCHASED\` event for each through \`POST /api/events\`. KB per lead
= growth of InnoDB's data_length / index_length (after \`ANALYZE TABLE\`; "rebuilt": after \`OPTIMIZE TABLE\` too, so
pages freed by deleted rows or half filled by page splits no longer count) over the database just before, ÷ $LEADS.

| per lead | engine data | engine indexes | our data | our indexes | all |
|---|---:|---:|---:|---:|---:|
| running, as the tables grew | $(per "$g_data1" "$e_data0") KB | $(per "$g_index1" "$e_index0") KB | $(per "$p_data1" "$o_data0") KB | $(per "$p_index1" "$o_index0") KB | $(all "$g_data1" "$g_index1" "$p_data1" "$p_index1") KB |
| running, tables rebuilt | $(per "$e_data1" "$e_data0") KB | $(per "$e_index1" "$e_index0") KB | $(per "$o_data1" "$o_data0") KB | $(per "$o_index1" "$o_index0") KB | **$(all "$e_data1" "$e_index1" "$o_data1" "$o_index1") KB** |
| ended (bought), tables rebuilt, before history cleanup | $(per "$e_data2" "$e_data0") KB | $(per "$e_index2" "$e_index0") KB | $(per "$o_data2" "$o_data0") KB | $(per "$o_index2" "$o_index0") KB | **$(all "$e_data2" "$e_index2" "$o_data2" "$o_index2") KB** |
| ended, its history's time to live passed and cleaned, tables rebuilt | $(per "$e_data3" "$e_data0") KB | $(per "$e_index3" "$e_index0") KB | $(per "$o_data3" "$o_data0") KB | $(per "$o_index3" "$o_index0") KB | **$(all "$e_data3" "$e_index3" "$o_data3" "$o_index3") KB** |

Engine rows a running lead keeps while it waits: $(each "$x1" "$x0") executions, $(each "$j1" "$j0") jobs,
$(each "$s1" "$s0") event subscriptions, $(each "$t1" "$t0") tasks, $(each "$v1" "$v0") variables; once ended:
$(each "$x2" "$x0") executions, $(each "$j2" "$j0") jobs, $(each "$s2" "$s0") subscriptions, $(each "$t2" "$t0") tasks,
$(each "$v2" "$v0") variables. The tables an ended lead grew most, per lead: $largest_ended; once cleaned:
$largest_cleaned. Targets of the issue: ≤ 16 KB per running lead, ≤ 2 KB per ended lead once its history time to
live (180 days) has passed.

History cleanup: the service restarted with the simulation clock (\`POST /api/simulation/clock\`), so the engine's
cleanup job ran in each night's window (01:00–05:00) at its due time. Moved 179 days on, no lead's history had gone
(all $history_before of the leads' history rows still there); two days more, and the one night
between removed the history of all $((LEADS + 1)) ended leads: those two days took **$cleanup_seconds s**
(their send windows' jobs included), $pace ended leads a second, about $per_window in one 4-hour window. Left after
cleanup besides the leads' rows: the send windows' own history of their last 30 days ($windows flows, the same
whatever the number of leads).
Intake meanwhile: $intake. Meanwhile: $NOTE.
MD
)
echo "$section" > target/footprint-section.md
python3 bench/write-section.py "$heading" target/footprint-section.md
echo "$section"
