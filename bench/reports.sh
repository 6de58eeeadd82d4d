#!/usr/bin/env bash
# Every report endpoint on a year of data (issue 15, point 6): CUSTOMERS captured leads (default 1,000,000) and
# TIMELINE timeline entries (default 10,000,000) on MariaDB, several hundred reps in teams of ten, ~50 channels.
# Usage: bench/reports.sh [CUSTOMERS] [TIMELINE]        smoke size: bench/reports.sh 2000 20000
#
# Reps, sales leads and channels come in through the API; customers, leads, scans, identities, tasks and timeline
# entries are written set-wise by bench/reports-seed.sql, and the roll-ups are then computed FROM those rows by SQL
# aggregates with the rules the service keeps them by, so they agree with the raw data. Every reader's 日报 for
# yesterday is kept with the body ReportIssues gives it (the funnel and rep SLA the API answers that reader), and a
# year of 日报 and 周报 like it; then each report is asked for NURTURE_BENCH_REPEAT times (default 5) over the last
# 30 and 365 days, as admin and as a sales lead.
# Exits non-zero when any request fails, and at full size (1,000,000 customers or more) when any answer took 2 s
# or longer. Only a full-size run writes its figures into docs/BENCHMARKS.md; NURTURE_BENCH_MACHINE_NOTE says
# what else ran on the machine meanwhile. Drops and recreates the MariaDB database nf_reports_bench.
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${1:-1000000}
TIMELINE=${2:-10000000}
REPEAT=${NURTURE_BENCH_REPEAT:-5}
PORT=${BENCH_PORT:-18085}
DB=${NURTURE_BENCH_DATABASE:-nf_reports_bench}
FLAGS='?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8'
ADMIN_PASSWORD=bench-admin-password
PASSWORD=bench-user-password
FULL=$((CUSTOMERS >= 1000000))
# several hundred reps at full size, fewer for a smoke run; ten to a team, six or so to a channel
REPS=$((CUSTOMERS / 3000)); REPS=$((REPS < 12 ? 12 : REPS > 300 ? 300 : REPS))
CHANNELS=$((REPS / 6))
TEAMS=$(((REPS + 9) / 10))
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
OUT=target/reports-bench
mkdir -p "$OUT"
sql() { mariadb -uroot "$DB" "$@"; }
elapsed() { echo $(($(date +%s) - $1)); }

./mvnw -q -B -DskipTests package
mariadb -uroot -e "drop database if exists $DB; create database $DB character set utf8mb4 collate utf8mb4_unicode_ci"

SERVICE=
stop_service() {
  if [ -n "$SERVICE" ]; then kill "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true; SERVICE=; fi
}
trap stop_service EXIT
start_service() {
  NURTURE_DB_URL="jdbc:mysql://127.0.0.1:3306/$DB$FLAGS" NURTURE_DB_USER=root NURTURE_DB_PASSWORD= \
  NURTURE_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    java -Xmx1g -jar target/nurtureflow-*.jar --server.port=$PORT --spring.profiles.active=mysql \
         --camunda.bpm.job-execution.enabled=false --nurture.scheduling.enabled=false --logging.level.root=warn \
         >"$OUT/service.log" 2>&1 &
  SERVICE=$!
  for _ in $(seq 1 180); do
    # the admin user is made as the service starts, possibly after its health first answers
    curl -sf -u "admin:$ADMIN_PASSWORD" "localhost:$PORT/api/users?role=ADMIN" >/dev/null && return
    kill -0 "$SERVICE" 2>/dev/null || break
    sleep 1
  done
  cat "$OUT/service.log" >&2
  echo "the service did not start" >&2
  exit 1
}
# a setup call: its answer, or the run stops saying why
call() {
  local method=$1 path=$2 body=$3
  curl -sS --fail-with-body -u "admin:$ADMIN_PASSWORD" -X "$method" -H 'Content-Type: application/json' \
    "localhost:$PORT$path" -d "$body" >/dev/null || { echo "$method $path failed" >&2; exit 1; }
}

t0=$(date +%s)
start_service
for t in $(seq 0 $((TEAMS - 1))); do
  call POST /api/users "{\"username\":\"bench-lead-$t\",\"password\":\"$PASSWORD\",\"role\":\"SALES_LEAD\"}"
  call PUT "/api/reps/bench-lead-$t" "{\"team\":\"团队$t\",\"workStart\":\"09:00\",\"workEnd\":\"18:00\"}"
done
for r in $(seq 0 $((REPS - 1))); do
  call POST /api/users "{\"username\":\"bench-rep-$r\",\"password\":\"$PASSWORD\",\"role\":\"REP\"}"
  call PUT "/api/reps/bench-rep-$r" \
    "{\"team\":\"团队$((r / 10))\",\"salesLead\":\"bench-lead-$((r / 10))\",\"workStart\":\"09:00\",\"workEnd\":\"18:00\"}"
done
for h in $(seq 0 $((CHANNELS - 1))); do
  staff=$(seq $h $CHANNELS $((REPS - 1)) | sed 's/.*/"bench-rep-&"/' | paste -sd,)
  call POST /api/channels "{\"name\":\"压测渠道$h\",\"staff\":[$staff]}"
done
setup_s=$(elapsed "$t0")
echo "reps, sales leads and channels through the API: $setup_s s" >&2

t0=$(date +%s)
sed -e "s/@CUSTOMERS@/$CUSTOMERS/g" -e "s/@TIMELINE@/$TIMELINE/g" -e "s/@REPS@/$REPS/g" -e "s/@CHANNELS@/$CHANNELS/g" \
  -e "s/@SCANS@/$((CUSTOMERS * 3 / 2))/g" bench/reports-seed.sql | sql >/dev/null
seed_s=$(elapsed "$t0")
echo "set-wise seeding and roll-ups: $seed_s s" >&2
counts=$(sql -N -e "select (select count(*) from customer), (select count(*) from timeline_entry),
  (select count(*) from scan), (select count(*) from follow_up_task), (select count(*) from report_funnel_day),
  (select count(*) from report_task_day), (select count(*) from report_lead_step), (select count(*) from push_outbox),
  (select count(*) from report_step_day)")
read -r n_customers n_timeline n_scans n_tasks n_funnel n_task_days n_steps n_pushes n_step_days <<<"$counts"
if [ "$n_customers" -ne "$CUSTOMERS" ] || [ "$n_timeline" -ne "$TIMELINE" ]; then
  echo "seeded $n_customers customers and $n_timeline timeline entries, not $CUSTOMERS and $TIMELINE" >&2
  exit 1
fi
sizes=$(sql -N -e "select table_name, round((data_length + index_length) / 1048576) from information_schema.tables
  where table_schema = database() and table_name in ('report_funnel_day', 'report_task_day', 'report_lead',
  'report_lead_step', 'timeline_entry', 'customer', 'push_outbox', 'report_step_day') order by 1" | awk '{printf "%s%s %s MB", sep, $1, $2; sep=", "}')

today=$(sql -N -e "select date(convert_tz(utc_timestamp(), '+00:00', '+08:00'))")
yesterday=$(date -d "$today -1 day" +%F)
# yesterday's 日报 of every reader as ReportIssues keeps it (its body: the funnel and the rep SLA the API answers
# the reader), then the past year's 日报 and 周报 with that body
for reader in admin $(seq 0 $((TEAMS - 1)) | sed 's/^/bench-lead-/'); do
  password=$([ $reader = admin ] && echo $ADMIN_PASSWORD || echo $PASSWORD)
  for report in funnel sla; do
    curl -sS --fail-with-body -u "$reader:$password" "localhost:$PORT/api/reports/$report?by=$([ $report = sla ] && echo REP || echo ALL)&from=$yesterday&to=$yesterday" \
      >"$OUT/$report.json" || { echo "the $report report of $reader failed" >&2; exit 1; }
  done
  body=$(printf '{"funnel":%s,"sla":%s}' "$(cat "$OUT/funnel.json")" "$(cat "$OUT/sla.json")" | od -An -v -tx1 | tr -d ' \n')
  echo "insert into report_issue (cadence, reader, period_from, period_to, body, created_at)
    values ('DAILY', '$reader', '$yesterday', '$yesterday', convert(x'$body' using utf8mb4), utc_timestamp(3))" | sql
done
sql -e "insert ignore into report_issue (cadence, reader, period_from, period_to, body, created_at)
  select 'DAILY', i.reader, i.period_from - interval s.seq day, i.period_to - interval s.seq day, i.body,
         i.created_at - interval s.seq day
  from report_issue i join seq_1_to_364 s where i.cadence = 'DAILY';
  insert ignore into report_issue (cadence, reader, period_from, period_to, body, created_at)
  select 'WEEKLY', i.reader, i.period_from - interval (weekday(i.period_from) + 7 * s.seq) day,
         i.period_from - interval (weekday(i.period_from) + 7 * s.seq - 6) day, i.body,
         i.created_at - interval (weekday(i.period_from) + 7 * s.seq - 1) day
  from report_issue i join seq_1_to_52 s where i.cadence = 'DAILY' and i.period_from = '$yesterday'"
issue=$(sql -N -e "select max(id) from report_issue where reader = 'bench-lead-0'")
[ -n "$issue" ] && [ "$issue" != NULL ] || { echo "the service made no 日报 for bench-lead-0" >&2; exit 1; }
n_issues=$(sql -N -e "select count(*) from report_issue")

month_from=$(date -d "$today -29 days" +%F)
year_from=$(date -d "$today -364 days" +%F)
ENDPOINTS=(/reports /api/reports/filters /api/reports/issues "/api/reports/issues/$issue")
for by in ALL CHANNEL REF REP TEAM DAY; do ENDPOINTS+=("/api/reports/funnel?by=$by" "/api/reports/funnel.csv?by=$by"); done
for by in ALL REP TEAM; do ENDPOINTS+=("/api/reports/sla?by=$by" "/api/reports/sla.csv?by=$by"); done
ENDPOINTS+=(/api/reports/steps /api/reports/steps.csv "/api/reports/steps?plan=new-lead&version=1")

# one warm-up pass, then REPEAT timed passes: "user range endpoint seconds" per request
times="$OUT/times.txt"
: >"$times"
failures=0
for pass in $(seq 0 "$REPEAT"); do
  for user in admin bench-lead-0; do
    password=$([ $user = admin ] && echo $ADMIN_PASSWORD || echo $PASSWORD)
    for range in 30 365; do
      from=$([ $range = 30 ] && echo "$month_from" || echo "$year_from")
      for endpoint in "${ENDPOINTS[@]}"; do
        case $endpoint in
          */issues*|*/filters|/reports) [ $range = 30 ] || continue; url=$endpoint; span=- ;;
          *\?*) url="$endpoint&from=$from&to=$today"; span=$range ;;
          *) url="$endpoint?from=$from&to=$today"; span=$range ;;
        esac
        answer=$(curl -s -o "$OUT/last-answer" -u "$user:$password" -w '%{http_code} %{time_total}' "localhost:$PORT$url")
        if [ "${answer%% *}" != 200 ]; then
          echo "$user GET $url answered ${answer%% *}: $(head -c 300 "$OUT/last-answer")" >&2
          failures=$((failures + 1))
        elif [ "$pass" -gt 0 ]; then
          echo "$user $span $endpoint ${answer#* }" >>"$times"
        fi
      done
    done
  done
done
stop_service
[ "$failures" -eq 0 ] || { echo "$failures requests failed" >&2; exit 1; }

# p50 and max per user, range and endpoint, in milliseconds
summary="$OUT/summary.txt"
sort -k1,1 -k3,3 -k2,2 -k4,4g "$times" | awk '
  function flush() { if (n) { printf "%s\t%s\t%s\t%.0f\t%.0f\n", key_u, key_r, key_e, v[int((n + 1) / 2)] * 1000, v[n] * 1000 } }
  { key = $1 " " $2 " " $3; if (key != last) { flush(); delete v; n = 0; last = key; key_u = $1; key_r = $2; key_e = $3 } v[++n] = $4 }
  END { flush() }' >"$summary"
slowest=$(awk -F'\t' 'BEGIN {m = 0} $5 > m {m = $5; w = $1 " " $3 " over " $2 " days"} END {print m " ms (" w ")"}' "$summary")
cat "$summary"
echo "slowest answer: $slowest"
# how MariaDB reads the roll-ups for a year: all reps (admin), one team's ten reps (sales lead), the SLA's tasks
team_reps=$(seq 0 9 | sed "s/.*/'bench-rep-&'/" | paste -sd,)
plan() { sql -N -e "explain $1" | awk -F'\t' '{printf "%s via %s, ~%s rows (%s)", $4, $6, $9, $10}'; }
plan_admin=$(plan "select ref, sum(lead_total) from report_funnel_day where on_day between '$year_from' and '$today' group by ref")
plan_lead=$(plan "select rep, sum(lead_total) from report_funnel_day where on_day between '$year_from' and '$today'
  and rep in ('', $team_reps, 'bench-lead-0') and rep <> '' group by rep")
plan_tasks=$(plan "select rep, kind, sum(done) from report_task_day where on_day between '$year_from' and '$today' group by rep, kind")

too_slow=$(awk -F'\t' '$5 >= 2000' "$summary" | wc -l)
echo "EXPLAIN: $plan_admin | $plan_lead | $plan_tasks"
if [ "$FULL" -eq 0 ]; then
  echo "smoke size: every request answered; figures are written only by a full-size run"
  exit 0
fi

heading="## Reports on a year of data (issue 15)"
{
  echo "$heading"
  echo
  echo "\`bench/reports.sh $CUSTOMERS $TIMELINE\`, run $(date -u +%Y-%m-%dT%H:%MZ) on MariaDB \`$DB\`: $n_customers customers"
  echo "(captured leads over the last 365 days), $n_timeline timeline entries, $n_scans scans, $n_tasks follow-up tasks,"
  echo "$REPS reps in $TEAMS teams (each with its sales lead), $CHANNELS channels; invitee refs on 30 % of the scanned leads"
  echo "(20,000 invitees). Roll-ups computed from those rows by SQL aggregates: $n_steps funnel steps reached,"
  echo "$n_funnel \`report_funnel_day\` rows (a day and cohort each, a column per step), $n_task_days \`report_task_day\`"
  echo "rows; $n_pushes SOP pushes (steps 1-3 of \`new-lead\`) and $n_step_days \`report_step_day\` rows; $n_issues kept 日报/周报."
  echo "Sizes (data + indexes): $sizes. Setup through the API ${setup_s} s, set-wise seeding and roll-ups ${seed_s} s."
  echo
  echo "Service: the packaged jar, profile \`mysql\`, \`-Xmx1g\`, job executor off, one client; $REPEAT timed requests of"
  echo "each report after one warm-up pass, as \`admin\` and as sales lead \`bench-lead-0\` (10 reps). Days are the last 30"
  echo "and 365 up to today; p50 and max in ms (curl's total time)."
  echo
  echo "| report | user | 30 days p50 | 30 days max | 365 days p50 | 365 days max |"
  echo "|---|---|---:|---:|---:|---:|"
  awk -F'\t' '{k = $3 "\t" $1; if (!(k in seen)) {seen[k] = 1; order[++n] = k} if ($2 == "30" || $2 == "-") {p30[k] = $4; m30[k] = $5} else {p365[k] = $4; m365[k] = $5}}
    END {for (i = 1; i <= n; i++) {split(order[i], f, "\t"); printf "| `%s` | %s | %s | %s | %s | %s |\n", f[1], f[2], p30[order[i]], m30[order[i]], (order[i] in p365) ? p365[order[i]] : "–", (order[i] in m365) ? m365[order[i]] : "–"}}' "$summary"
  echo
  echo "Slowest answer: **$slowest**; answers of 2 s or more: $too_slow."
  echo
  echo "Before V72 the funnel roll-up held a row per step: 1,760,163 rows for this data, whose year-long sums took"
  echo "1.4–2.5 s in MariaDB alone; a row per day and cohort with a column per step holds 520,694."
  echo
  echo "How MariaDB reads a year (EXPLAIN): the funnel by invitee for an admin: $plan_admin; for a sales lead's"
  echo "ten reps: $plan_lead; the rep SLA's task roll-up: $plan_tasks."
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(mariadb --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+-MariaDB') with default server settings (128 MB buffer pool), $(java -version 2>&1 | head -1)."
  echo "Load average (1/5/15 min) at the start: $START_LOAD, at the end: $(cut -d' ' -f1-3 /proc/loadavg).${NURTURE_BENCH_MACHINE_NOTE:+ $NURTURE_BENCH_MACHINE_NOTE}"
  echo
  echo "Smoke run (seconds of seeding, every request checked, no figures written): \`bench/reports.sh 2000 20000\`."
} >"$OUT/section.md"
python3 bench/write-section.py "$heading" "$OUT/section.md"
cat "$OUT/section.md"
[ "$too_slow" -eq 0 ] || { echo "$too_slow reports answered in 2 s or more" >&2; exit 1; }
