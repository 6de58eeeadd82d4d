#!/usr/bin/env bash
# Statements the service sends MariaDB per lead form intake and per click (POST /api/events to its follow-up task),
# from the server's global counters (Questions, Com_*) around N of each after 5 warm-up ones; nothing else may use
# the server meanwhile. Beside them, the bare engine's statements per start of the same two BPMN files and per
# engagement message correlated (BareEngineStarts, BARE of each, default 300; its start-up and schema creation count
# in its per-start figure, about half a statement at 300). Writes its section of docs/BENCHMARKS.md.
# Usage: bench/statements.sh [N]   (default 30; database NURTURE_BENCH_DATABASE, default nurture_bench_statements)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-30}
BARE=${BARE:-300}
DB=${NURTURE_BENCH_DATABASE:-nurture_bench_statements}
PORT=${BENCH_PORT:-18096}
FLAGS='?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8'
ADMIN_PASSWORD=bench-admin-password

counters() {
  mariadb -uroot -N -e "show global status where variable_name in
    ('Questions','Com_select','Com_insert','Com_update','Com_delete','Com_commit','Com_set_option')" |
    awk '{printf "%s=%s ", $1, $2}'
}
# per-item difference of two counters lines: per "$before" "$after" COUNT
per() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
a = dict(kv.split('=') for kv in sys.argv[1].split())
b = dict(kv.split('=') for kv in sys.argv[2].split())
n = int(sys.argv[3])
d = {k: (int(b[k]) - int(a[k])) / n for k in a}
print(f"{d['Questions']:.1f} ({d['Com_select']:.1f} selects, {d['Com_insert']:.1f} inserts, "
      f"{d['Com_update']:.1f} updates, {d['Com_delete']:.1f} deletes, {d['Com_commit']:.1f} commits, "
      f"{d['Com_set_option']:.1f} SET)")
PY
}
received() { mariadb -uroot -N "$DB" -e "select count(*) from behaviour_event where status = 'RECEIVED'"; }

# the jar of this checkout: a jar left from an earlier build would count another version's statements
./mvnw -q -B -DskipTests package

# the bare engine: starts alone, then starts with their correlations; the difference is the correlations
source bench/bare-engine.sh
fresh_database "${DB}_bare"
c0=$(counters); bare_engine "${DB}_bare" "$BARE" 4 lead >/dev/null; c1=$(counters)
bare_start=$(per "$c0" "$c1" "$BARE")
fresh_database "${DB}_bare"
before=$(counters); bare_engine "${DB}_bare" "$BARE" 4 correlate >/dev/null; after=$(counters)
# correlate = its own BARE starts + BARE correlations: take the starts measured just before off
bare_correlation=$(python3 - "$c0" "$c1" "$before" "$after" "$BARE" <<'PY'
import sys
s0, s1, c0, c1 = (dict(kv.split('=') for kv in a.split()) for a in sys.argv[1:5])
q = ((int(c1['Questions']) - int(c0['Questions'])) - (int(s1['Questions']) - int(s0['Questions']))) / int(sys.argv[5])
print(f"{q:.1f}")
PY
)

fresh_database "$DB"
source bench/form-service.sh
start_form_service "$DB" "$PORT" bench
notice=$(curl -sf "localhost:$PORT/q/bench" | sed -nE 's/.*name="noticeVersion" value="([0-9]+)".*/\1/p' | head -1)
form() {
  curl -sf -o /dev/null "localhost:$PORT/q/bench/lead" --data-urlencode "name=计数$1" \
    --data-urlencode "phone=139$(printf %08d "$1")" -d "consent=yes&noticeVersion=$notice"
}
for i in $(seq 1 5); do form "$i"; done
before=$(counters)
for i in $(seq 6 $((N + 5))); do form "$i"; done
after=$(counters)
intake=$(per "$before" "$after" "$N")
leads=$(mariadb -uroot -N "$DB" -e "select count(*) from customer")
[ "$leads" -eq $((N + 5)) ] || { echo "expected $((N + 5)) leads, found $leads" >&2; exit 1; }

clicks() {
  mariadb -uroot -N "$DB" -e "select id from customer order by id limit $1 offset $2" | python3 -c '
import json, sys, uuid
print(json.dumps([{"eventId": str(uuid.uuid4()), "customerId": c.strip(), "type": "LINK_CLICKED"} for c in sys.stdin]))'
}
settle() {
  for _ in $(seq 1 120); do [ "$(received)" -eq 0 ] && break; sleep 0.5; done
  [ "$(received)" -eq 0 ] || { echo "clicks still unhandled" >&2; exit 1; }
  sleep 2 # the rep alerts' sender
}
curl -sf $A -o /dev/null -H 'Content-Type: application/json' "localhost:$PORT/api/events" -d "$(clicks 5 0)"
settle
before=$(counters)
curl -sf $A -o /dev/null -H 'Content-Type: application/json' "localhost:$PORT/api/events" -d "$(clicks "$N" 5)"
settle
after=$(counters)
click=$(per "$before" "$after" "$N")
tasks=$(mariadb -uroot -N "$DB" -e "select count(*) from follow_up_task where kind = 'FOLLOW_UP'")
[ "$tasks" -eq $((N + 5)) ] || { echo "expected $((N + 5)) follow-ups, found $tasks" >&2; exit 1; }

echo "per form intake: $intake; per bare start: $bare_start"
echo "per click: $click; per bare correlation: $bare_correlation"
[ -n "${NURTURE_BENCH_SMOKE:-}" ] && exit 0
heading="## Statements per intake and per click (bench/statements.sh)"
section=$(mktemp)
cat >"$section" <<DOC
$heading

\`bench/statements.sh $N\`, run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(mariadb -uroot -N -e 'select version()'):
MariaDB's global counters around $N of each after 5 warm-up ones, nothing else using the server; the packaged jar
(profile \`mysql\`, job executor off), and the bare engine (BareEngineStarts, same history, $BARE of each) on the
same server. A statement is anything the server was sent (\`Questions\`), \`SET autocommit\` and \`COMMIT\` included.

| per | statements (Questions) |
|---|---|
| lead form intake (\`POST /q/{code}/lead\`: capture, both processes, our tables) | $intake |
| bare start of the same two BPMN files | $bare_start |
| click, from \`POST /api/events\` (one batch of $N) to its follow-up task and the rep's alert | $click |
| bare message correlation by business key, same lifecycle BPMN | $bare_correlation |
DOC
python3 bench/write-section.py "$heading" "$section"
