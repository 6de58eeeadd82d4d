# Sourced by the benches that measure against the bare engine (bench/BareEngineStarts.java) on the MariaDB at
# 127.0.0.1:3306. bare_engine DATABASE TOTAL CONCURRENCY FLOW prints its JSON line, or fails saying so;
# fresh_database DATABASE drops and creates one. The classpath holds the service's classes too: the bare engine
# keeps the service's history (process.EngineHistory).
./mvnw -q -B -DskipTests compile
BARE_CP=$(./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime):target/classes
fresh_database() {
  mariadb -uroot -e "drop database if exists $1; create database $1 character set utf8mb4 collate utf8mb4_unicode_ci"
}
bare_engine() {
  local db=$1 run
  run=$(java -Dlogback.configurationFile=bench/logback-quiet.xml -cp "$BARE_CP" bench/BareEngineStarts.java \
    "jdbc:mysql://127.0.0.1:3306/$db?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8" \
    root "" "$2" "$3" processes "$4" 2>/dev/null | tail -1) || { echo "the bare engine's $4 run had failures: $run" >&2; return 1; }
  echo "$run"
}
