#!/usr/bin/env bash
# Agent queue at scale: 300,000 conversations / 1,000,000 messages on the local PostgreSQL, the real
# server process (java -jar postline.jar) on 127.0.0.1, wrk against the queue's first and a later
# keyset page of each filter and the conversation detail, with an agent's and a supervisor's token.
#
#   infra/bench/queue/queue-bench.sh load                 # fresh database, server migrates it, loader fills it
#   infra/bench/queue/queue-bench.sh run [label] [jfr]    # start the server, wrk every line, stop the server
#   infra/bench/queue/queue-bench.sh migrate              # let this JAR's Flyway migrate the loaded database
#   infra/bench/queue/queue-bench.sh explain              # EXPLAIN (ANALYZE, BUFFERS) of the queue's queries
#   infra/bench/queue/queue-bench.sh drop                 # drop the database and the data folder
#
# Environment: JAR (app/server/target/postline.jar), DURATION (20s), PORT (18090), PAGE_DEPTH (10: the
# "later page" is reached by following nextCursor that many times), CONVERSATIONS, MESSAGES.
# Only 127.0.0.1 is ever a target; every wrk run is bounded by DURATION.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JAR="${JAR:-$ROOT/app/server/target/postline.jar}"
DB=postline_queue_bench
PORT="${PORT:-18090}"
BASE="http://127.0.0.1:$PORT"
DATA=/tmp/postline-queue-bench-data
OUT=/tmp/postline-queue-bench
DURATION="${DURATION:-20s}"
PAGE_DEPTH="${PAGE_DEPTH:-10}"
PGJDBC="$(ls ~/.m2/repository/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar)"
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
mkdir -p "$OUT"

server_env() {
  export POSTLINE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
  export POSTLINE_DB_USER=postline_app POSTLINE_DB_PASSWORD=bench
  export POSTLINE_DB_OWNER_USER=postline_owner POSTLINE_DB_OWNER_PASSWORD=bench
  export POSTLINE_PORT="$PORT" POSTLINE_HOST=127.0.0.1 POSTLINE_DATA_DIR="$DATA"
  export POSTLINE_SECURITY_JWT_SECRET=queue-bench-secret-queue-bench-secret-0123456789
  export POSTLINE_LOG_LEVEL=WARN POSTLINE_DEMO=false
}

start_server() { # $1 = extra JVM options
  server_env
  mkdir -p "$DATA"
  # shellcheck disable=SC2086
  "$JAVA" -Xmx1g ${1:-} -jar "$JAR" > "$OUT/server.log" 2>&1 &
  echo $! > "$OUT/server.pid"
  for _ in $(seq 1 120); do
    if curl -fs "$BASE/health" > /dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "server did not start; see $OUT/server.log" >&2
  tail -20 "$OUT/server.log" >&2
  stop_server
  exit 1
}

stop_server() {
  if [[ -f "$OUT/server.pid" ]]; then
    local pid
    pid="$(cat "$OUT/server.pid")"
    kill "$pid" 2> /dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2> /dev/null || break; sleep 1; done
    rm -f "$OUT/server.pid"
  fi
}

login() { # $1 = email
  curl -fs -H 'Content-Type: application/json' \
    -d "{\"tenant\":\"bench\",\"email\":\"$1\",\"password\":\"bench-password-1\"}" "$BASE/api/v1/auth/login" | jq -r .accessToken
}

# The cursor of page PAGE_DEPTH+1 of a listing (follows nextCursor PAGE_DEPTH times).
later_cursor() { # $1 = token, $2 = query
  local cursor="" i
  for i in $(seq 1 "$PAGE_DEPTH"); do
    local sep="?"; [[ "$2" == *"?"* ]] && sep="&"
    local url="$BASE/api/v1/conversations$2"
    [[ -n "$cursor" ]] && url="$url${sep}cursor=$cursor"
    cursor="$(curl -fs -H "Authorization: Bearer $1" "$url" | jq -r '.nextCursor // empty')"
    [[ -z "$cursor" ]] && break
  done
  echo "$cursor"
}

bench_line() { # $1 = label, $2 = token, $3 = path
  local items
  items="$(curl -fs -H "Authorization: Bearer $2" "$BASE$3" | jq -r 'if .items then (.items | length) else (.messages | length) end')"
  TOKEN="$2" wrk -t2 -c16 -d"$DURATION" --timeout 10s --latency -s "$HERE/auth.lua" "$BASE$3" > "$OUT/wrk.txt" 2>&1
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")"
  p50="$(awk '$1 == "50%" {print $2}' "$OUT/wrk.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$OUT/wrk.txt")"
  errors="$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk.txt")"
  errors="${errors:-0}$(awk -F'timeout ' '/Socket errors/ {print ", timeouts " $2}' "$OUT/wrk.txt")"
  printf '| %-44s | %5s | %9s | %8s | %8s | %s | %s |\n' "$1" "$items" "$rps" "$p50" "$p99" "$errors" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

case "${1:-}" in
  load)
    "${PSQL[@]}" -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'postline_owner') THEN CREATE ROLE postline_owner LOGIN PASSWORD 'bench'; END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'postline_app') THEN CREATE ROLE postline_app LOGIN PASSWORD 'bench' NOSUPERUSER NOBYPASSRLS; END IF;
      END \$\$;"
    "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB OWNER postline_owner"
    rm -rf "$DATA"
    start_server ""   # Flyway migrates the empty database: the same schema the server uses
    stop_server
    "$JAVA" -cp "$PGJDBC" "$ROOT/infra/bench/src/main/java/dev/postline/bench/QueueDataLoader.java" \
      --url "jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres" \
      --conversations "${CONVERSATIONS:-300000}" --messages "${MESSAGES:-1000000}"
    "${PSQL[@]}" -d "$DB" -Atc "SELECT 'conversations ' || count(*) FROM conversation" -c "SELECT 'messages ' || count(*) FROM mail_message" \
      -c "SELECT 'database size ' || pg_size_pretty(pg_database_size('$DB'))"
    ;;
  run)
    label="${2:-run}"
    jvm=""
    [[ "${3:-}" == "jfr" ]] && jvm="-XX:StartFlightRecording=filename=$OUT/$label.jfr,settings=profile"
    start_server "$jvm"
    "${PSQL[@]}" -d "$DB" -c "ANALYZE"
    SUP="$(login supervisor@bench.test)"
    A1="$(login agent1@bench.test)"     # Support (big) + VIP (tiny)
    A2="$(login agent2@bench.test)"     # VIP only: a ring group with 1 % of the conversations
    TECH="$("${PSQL[@]}" -d "$DB" -Atc "SELECT t.id FROM touchpoint t JOIN tenant n ON n.id = t.tenant_id WHERE n.slug = 'bench' AND t.address = 'tech@bench.test'")"
    DETAIL="$("${PSQL[@]}" -d "$DB" -Atc "SELECT c.id FROM conversation c JOIN tenant n ON n.id = c.tenant_id JOIN touchpoint t ON t.id = c.touchpoint_id WHERE n.slug = 'bench' AND t.address <> 'vip@bench.test' AND (SELECT count(*) FROM mail_message m WHERE m.conversation_id = c.id) = 4 ORDER BY c.number LIMIT 1")"
    # warm-up (JIT, caches), bounded
    TOKEN="$SUP" wrk -t2 -c16 -d5s -s "$HERE/auth.lua" "$BASE/api/v1/conversations" > /dev/null 2>&1 || true
    echo "## $label ($(date -u +%FT%TZ), DURATION=$DURATION, later page = page $((PAGE_DEPTH + 1)))"
    echo "| line | items | req/s | p50 | p99 | non-2xx, timeouts | loadavg |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    lines=(
      "supervisor: all|$SUP|"
      "supervisor: status=OPEN|$SUP|?status=OPEN"
      "supervisor: touchpointId (tech, 10 %)|$SUP|?touchpointId=$TECH"
      "supervisor: assigned=unassigned|$SUP|?assigned=unassigned"
      "supervisor: unread=true|$SUP|?unread=true"
      "supervisor: reportService=customer care|$SUP|?reportService=customer%20care"
      "agent1: ring groups (Support+VIP) + own|$A1|"
      "agent1: assigned=me|$A1|?assigned=me"
      "agent1: status=OPEN&assigned=unassigned|$A1|?status=OPEN&assigned=unassigned"
      "agent2: ring group VIP (1 %)|$A2|"
    )
    for line in "${lines[@]}"; do
      IFS='|' read -r name token query <<< "$line"
      bench_line "$name, first page" "$token" "/api/v1/conversations$query"
      cursor="$(later_cursor "$token" "$query")"
      sep="?"; [[ "$query" == *"?"* ]] && sep="&"
      bench_line "$name, page $((PAGE_DEPTH + 1))" "$token" "/api/v1/conversations$query${sep}cursor=$cursor"
    done
    bench_line "supervisor: detail (4 messages)" "$SUP" "/api/v1/conversations/$DETAIL"
    bench_line "/health" "$SUP" "/health"
    stop_server
    if [[ -n "$jvm" ]]; then
      echo "JFR: $OUT/$label.jfr  (jfr view hot-methods $OUT/$label.jfr)"
    fi
    ;;
  migrate)
    start_server ""   # Flyway brings the loaded database to this jar's schema (e.g. V25's indexes)
    stop_server
    # autovacuum is off on this PostgreSQL: set the visibility map and statistics as it would
    "${PSQL[@]}" -d "$DB" -c "VACUUM (ANALYZE) conversation" -c "VACUUM (ANALYZE) conversation_queue"
    ;;
  explain)
    "${PSQL[@]}" -d "$DB" -f "$HERE/explain.sql"
    ;;
  drop)
    stop_server
    "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB"
    rm -rf "$DATA"
    ;;
  *)
    sed -n 2,14p "$0"
    exit 2
    ;;
esac
