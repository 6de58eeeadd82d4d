# Sourced by the benches that post lead forms: starts the packaged jar on MariaDB database $1 at port $2 (profile
# mysql, heap 512 MB, job executor off: the benches measure intake, not timers days away) with one rep behind one
# channel whose code is $3, and kills it when the bench exits. Sets SERVICE (its pid), log and A (admin's curl login).
# Needs FLAGS and ADMIN_PASSWORD. start_service alone starts the jar on a database that has its rep and channel
# already; a third argument adds profiles (e.g. ",simulation"). Every service started is killed when the bench
# exits. Also the helpers field and running_lifecycles.
start_service() {
  local db=$1 port=$2 profiles=${3:-}
  log=$(mktemp)
  NURTURE_DB_URL="jdbc:mysql://127.0.0.1:3306/$db$FLAGS" NURTURE_DB_USER=root NURTURE_DB_PASSWORD= \
  NURTURE_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    java -Xmx512m -jar target/nurtureflow-*.jar --server.port="$port" --spring.profiles.active=mysql$profiles \
         --camunda.bpm.job-execution.enabled=false --logging.level.root=warn >"$log" 2>&1 &
  SERVICE=$!
  # every service this bench started, so a second node's failed start does not leave the first running
  SERVICES="${SERVICES:-} $SERVICE"
  trap 'kill $SERVICES 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf "localhost:$port/actuator/health" >/dev/null && break
    sleep 1
  done
  curl -sf "localhost:$port/actuator/health" >/dev/null || { cat "$log"; exit 1; }
  A="-u admin:$ADMIN_PASSWORD"
}

start_form_service() {
  local db=$1 port=$2 code=$3
  start_service "$db" "$port"
  curl -sSf $A -H 'Content-Type: application/json' "localhost:$port/api/users" \
    -d '{"username":"bench-rep","password":"bench-rep-password","role":"REP"}' >/dev/null
  curl -sSf $A -H 'Content-Type: application/json' "localhost:$port/api/channels" \
    -d "{\"name\":\"压测渠道\",\"code\":\"$code\",\"staff\":[\"bench-rep\"],\"tags\":[\"压测\"]}" >/dev/null
}

# one field of FormLoad's (or BareEngineStarts') JSON line: field "$json" perSecond
field() { echo "$1" | sed -E "s/.*\"$2\":([0-9.]+).*/\1/"; }

# lifecycles running in database $1, whatever their stage
running_lifecycles() {
  mariadb -uroot -N "$1" -e "select count(*) from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_
                             where d.KEY_ = 'lead-lifecycle' and e.PARENT_ID_ is null"
}
