#!/usr/bin/env bash
# Two service nodes on one MariaDB under intake and event load (issue 14, point 4), against one node in the same run.
# One database, two packaged jars (profile mysql, job executor off: pushes are days away; a send window across
# nodes is TwoNodesOneMassSendTest's and KilledNodeMidWindowTest's), both warmed up. Each phase brings TOTAL new
# leads through the public form and then one click each through POST /api/events, every click delivered twice (a
# duplicated webhook): first all to node A, then the leads split between the nodes and each click sent to both.
# The total number of clients is the same in both phases. Fails on any failed request, and unless every lead has
# exactly one running lifecycle and every click was stored, correlated and put on its customer's timeline once.
# Usage: bench/two-nodes.sh [TOTAL] [CONCURRENCY]     (defaults 1500 and 8; WARMUP leads per node first, default 300)
# Writes its section of docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
NOTE=${NURTURE_BENCH_MACHINE_NOTE:-nothing else known to run}
TOTAL=${1:-1500}
CONCURRENCY=${2:-8}
WARMUP=${WARMUP:-300}
PORT_A=${BENCH_PORT:-18096}
PORT_B=$((PORT_A + 1))
DB=${NURTURE_BENCH_DATABASE:-nurture_bench_two}
FLAGS='?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8'
ADMIN_PASSWORD=bench-admin-password

./mvnw -q -B -DskipTests package
mariadb -uroot -e "drop database if exists $DB; create database $DB character set utf8mb4 collate utf8mb4_unicode_ci"
sql() { mariadb -uroot -N "$DB" -e "$1"; }
source bench/form-service.sh
start_form_service $DB $PORT_A two
NODE_A=$SERVICE
start_service $DB $PORT_B
NODE_B=$SERVICE

# FORM URL TOTAL CLIENTS PREFIX: FormLoad numbers its phones PREFIX + 7 digits from 0
form() { java bench/FormLoad.java "$1" two "$2" "$3" "$4" || { echo "form posts failed at $1 (prefix $4)" >&2; exit 1; }; }
# the click of each lead numbered FROM..TO of PREFIX, in batches of 100, as JSON arrays, one per line
click_batches() {
  local prefix=$1 from=$2 to=$3
  for start in $(seq "$from" 100 "$to"); do
    local batch="" sep=""
    for i in $(seq "$start" $((start + 99 < to ? start + 99 : to))); do
      batch+=$(printf '%s{"eventId":"two-%s-%d","phone":"%s%07d","type":"LINK_CLICKED"}' "$sep" "$prefix" "$i" "$prefix" "$i")
      sep=,
    done
    echo "[$batch]"
  done
}
# POST every batch on stdin to every URL given, CONCURRENCY at a time
post_clicks() {
  local line url
  while IFS= read -r line; do
    for url in "$@"; do printf '%s\t%s\n' "$url" "$line"; done
  done | xargs -P "$CONCURRENCY" -d '\n' -I{} bash -c 'IFS=$'"'"'\t'"'"' read -r url body <<<"$1"; curl -sS -o /dev/null -w "%{http_code}\n" -u "admin:$2" -H "Content-Type: application/json" "$url/api/events" -d "$body"' _ {} "$ADMIN_PASSWORD" \
    | grep -v '^202$' && { echo "a click batch was refused" >&2; exit 1; } || true
}
# seconds until every click of PREFIX has left RECEIVED, then the checks; prints clicks handled per second
settle_clicks() {
  local prefix=$1 count=$2 started=$3 handled=0
  for _ in $(seq 1 3000); do
    handled=$(sql "select count(*) from behaviour_event where event_id like 'two-$prefix-%' and status <> 'RECEIVED'")
    [ "$handled" -eq "$count" ] && break
    sleep 0.1
  done
  local ended stored correlated on_timeline
  ended=$(date +%s.%N)
  stored=$(sql "select count(*) from behaviour_event where event_id like 'two-$prefix-%'")
  correlated=$(sql "select count(*) from behaviour_event where event_id like 'two-$prefix-%' and status = 'CORRELATED'")
  on_timeline=$(sql "select count(*) from timeline_entry t join customer_identity i on i.customer_id = t.customer_id
                     and i.kind = 'PHONE' and i.id_value like '+86$prefix%' where t.kind = 'EVENT'")
  if [ "$stored" -ne "$count" ] || [ "$correlated" -ne "$count" ] || [ "$on_timeline" -ne "$count" ]; then
    echo "clicks of $prefix: $count sent twice, $stored stored, $correlated correlated, $on_timeline on timelines" >&2
    exit 1
  fi
  awk -v a="$started" -v b="$ended" -v n="$count" 'BEGIN {printf "%.1f", n / (b - a)}'
}
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN {printf "%.1f", n / (b - a)}'; }

form "http://localhost:$PORT_A" "$WARMUP" "$CONCURRENCY" 1398 >/dev/null
form "http://localhost:$PORT_B" "$WARMUP" "$CONCURRENCY" 1399 >/dev/null

# one node: all leads and both deliveries of every click at node A
one_intake=$(field "$(form "http://localhost:$PORT_A" "$TOTAL" "$CONCURRENCY" 1381)" perSecond)
started=$(date +%s.%N)
click_batches 1381 0 $((TOTAL - 1)) | post_clicks "http://localhost:$PORT_A" "http://localhost:$PORT_A"
one_clicks=$(settle_clicks 1381 "$TOTAL" "$started")

# two nodes: half the leads at each, half the clients each, every click delivered to both
half=$((TOTAL / 2))
form "http://localhost:$PORT_A" "$half" $((CONCURRENCY / 2)) 1382 >target/two-nodes-a.json &
at_a=$!
form "http://localhost:$PORT_B" $((TOTAL - half)) $((CONCURRENCY - CONCURRENCY / 2)) 1383 >target/two-nodes-b.json &
at_b=$!
wait $at_a && wait $at_b || { echo "form posts failed on a node" >&2; exit 1; }
# both loads ran side by side: all leads over the longer of the two
two_intake=$(awk -v n="$TOTAL" -v a="$(field "$(cat target/two-nodes-a.json)" seconds)" \
  -v b="$(field "$(cat target/two-nodes-b.json)" seconds)" 'BEGIN {printf "%.1f", n / (a > b ? a : b)}')
started=$(date +%s.%N)
{ click_batches 1382 0 $((half - 1)); click_batches 1383 0 $((TOTAL - half - 1)); } \
  | post_clicks "http://localhost:$PORT_A" "http://localhost:$PORT_B"
settle_clicks 1382 "$half" "$started" >/dev/null
settle_clicks 1383 $((TOTAL - half)) "$started" >/dev/null
two_clicks=$(rate "$TOTAL" "$started" "$(date +%s.%N)")

leads=$(sql "select count(*) from captured_lead")
lifecycles=$(running_lifecycles $DB)
doubled=$(sql "select count(*) from (select e.BUSINESS_KEY_ from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_
               where d.KEY_ = 'lead-lifecycle' and e.PARENT_ID_ is null group by e.BUSINESS_KEY_ having count(*) > 1) twice")
expected=$((2 * WARMUP + 2 * TOTAL))
if [ "$leads" -ne "$expected" ] || [ "$lifecycles" -ne "$leads" ] || [ "$doubled" -ne 0 ]; then
  echo "expected $expected leads each with one lifecycle: $leads leads, $lifecycles lifecycles, $doubled customers with two" >&2
  exit 1
fi
kill $NODE_A $NODE_B; wait $NODE_A $NODE_B 2>/dev/null || true

heading="## Two nodes on one database (issue 14, point 4)"
section=$(cat <<MD
$heading

\`bench/two-nodes.sh $TOTAL $CONCURRENCY\`, run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,
$(mariadb --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+-MariaDB'). Two packaged jars (profile \`mysql\`, \`-Xmx512m\`, job
executor off) on one database and the same machine, each warmed up with $WARMUP leads. Each phase: $TOTAL new leads
through the public form from $CONCURRENCY clients in all, then one click per lead through \`POST /api/events\`,
every click delivered twice, timed until all were handled. Leads per second are FormLoad's own (with two nodes:
all leads over the longer of the two loads, which ran side by side).

| | leads per second | clicks handled per second |
|---|---:|---:|
| one node (A takes every lead and both deliveries of every click) | $one_intake | $one_clicks |
| two nodes (half the leads and clients at each; each click to A and to B) | $two_intake | $two_clicks |

Once, checked after the run: $leads leads, $lifecycles running lifecycles, $doubled customers with a second
lifecycle; every click stored once, correlated once and on its customer's timeline once, whichever node took
which delivery. On one 2-core machine both nodes and MariaDB share the cores, so a second node adds no CPU: the
throughput row says what two nodes cost or gain here, not on two machines. Meanwhile: $NOTE.
MD
)
echo "$section" > target/two-nodes-section.md
python3 bench/write-section.py "$heading" target/two-nodes-section.md
echo "$section"
