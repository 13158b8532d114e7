#!/usr/bin/env bash
# Ingest side by side with mbsync (issue #14): the way users meet the load.
#
#   infra/bench/ingest-side-by-side.sh [--db pg|h2] [--messages N] [--seed S] [--jfr] [--timeout SECONDS]
#   ./postline bench [same options]
#
# 1. Starts the private Dovecot of infra/bench/dovecot/run-dovecot.sh (127.0.0.1:11143, Maildir; left running
#    and its dir left in /tmp) and fills its INBOX with N messages of RealisticMix (seeded: 70 % text+HTML
#    2–20 KiB, 25 % with one 50–500 KiB base64 attachment, 5 % replies; ~108 KB average), then lets Dovecot
#    index the folder (doveadm), so neither side pays for that.
# 2. mbsync (Debian's isync) pulls the folder into an empty Maildir: the peer, timed.
# 3. The Postline server process (java -jar app/server/target/postline.jar, built with `mvn package` if
#    missing or older than the sources; never `mvn install`) on a fresh PostgreSQL database on 127.0.0.1:5432
#    (owner and service roles as in production) or on the embedded H2 in a fresh data dir (demo off). A tenant
#    with an admin is created over the operator API, then an IMAP touchpoint for the Dovecot mailbox over
#    /api/v1/touchpoints (initialImportDays 3650) and its password. Timed from the touchpoint's creation until
#    its sync reports N fetched; the stored messages are then counted in the database.
# 4. mbsync again into a fresh Maildir, so the peer brackets Postline in the same window.
# 5. One table: msg/s, MB/s, CPU ms per message (server JVM; PostgreSQL backends of the database), peak RSS
#    (VmHWM), stored bytes (blobs + database growth) as a multiple of the mailbox, cold start to the first 200
#    on /health, mbsync before/after and the ratio, and /proc/loadavg at every step (the machine is shared).
#
# --jfr records the import with JFR (jcmd JFR.start, profile settings) and prints, afterwards, the top
# frames of the sync (ingest) threads' execution samples and `jfr view hot-methods`.
# Everything is on 127.0.0.1 and bounded (--timeout, default 1800 s, ends a stuck import). On exit the server
# is stopped, the database dropped and the temp dirs removed; the server log, the JFR file and the table
# stay in the results dir printed at the end. Any failure prints why and exits non-zero.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

MESSAGES=10000
SEED=1
DB=pg
JFR=false
TIMEOUT=1800
HTTP_PORT=${POSTLINE_BENCH_HTTP_PORT:-18480}
DOVECOT_DIR=${POSTLINE_DOVECOT_DIR:-/tmp/postline-bench-dovecot}
DOVECOT_PORT=${POSTLINE_DOVECOT_PORT:-11143}
DOVECOT_USER=${POSTLINE_DOVECOT_USER:-bench}
DOVECOT_PASSWORD=${POSTLINE_DOVECOT_PASSWORD:-bench-password}
PG_ADMIN=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres -d postgres -At)

usage() {
    sed -n '2,4p' "$0" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --messages) MESSAGES=${2:?}; shift 2 ;;
        --seed) SEED=${2:?}; shift 2 ;;
        --db) DB=${2:?}; shift 2 ;;
        --jfr) JFR=true; shift ;;
        --timeout) TIMEOUT=${2:?}; shift 2 ;;
        -h|--help) usage ;;
        *) echo "ingest-side-by-side: unknown option $1" >&2; usage ;;
    esac
done
[[ $DB == pg || $DB == h2 ]] || { echo "ingest-side-by-side: --db must be pg or h2" >&2; exit 2; }
[[ $MESSAGES =~ ^[0-9]+$ && $MESSAGES -gt 0 ]] || { echo "ingest-side-by-side: --messages must be a positive number" >&2; exit 2; }

. infra/scripts/find-jdk.sh
postline_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"

die() {
    echo "ingest-side-by-side: FAILED: $*" >&2
    exit 1
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
log() { printf '[%s load %s] %s\n' "$(date -u +%H:%M:%S)" "$(loadavg)" "$*"; }
now_ns() { date +%s%N; }
CLK_TCK=$(getconf CLK_TCK)
# utime + stime of a process in ms (fields 14 and 15 of /proc/PID/stat; the command name may hold spaces).
cpu_ms() { awk -v tck="$CLK_TCK" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / tck) }' "/proc/$1/stat" 2>/dev/null || echo 0; }
for tool in mbsync curl jq doveadm awk; do
    command -v "$tool" >/dev/null || die "$tool is not installed (Debian: isync, curl, jq, dovecot-imapd)"
done

stamp=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=/tmp/postline-bench-ingest-$stamp-$DB
WORK=$(mktemp -d /tmp/postline-bench-ingest-work.XXXXXX)
mkdir -p "$RESULTS"
SERVER_PID=
PG_DB=

cleanup() {
    local rc=$?
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -n "$PG_DB" ]; then
        "${PG_ADMIN[@]}" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 ||
            echo "ingest-side-by-side: could not drop database $PG_DB" >&2
    fi
    rm -rf "$WORK"
    if [ $rc -ne 0 ]; then
        echo "ingest-side-by-side: exit $rc; server log (if any) in $RESULTS" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the server jar -------------------------------------------------------------------------------------
jar=app/server/target/postline.jar
if [ ! -f "$jar" ] || [ -n "$(find app connectors tenant-admin pom.xml \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
        -newer "$jar" -print -quit 2>/dev/null)" ]; then
    log "building $jar (mvn package -pl app/server -am; never install)"
    # Offline first (a warm ~/.m2); a cold one needs the network once.
    mvn -B -o -q package -pl app/server -am -DskipTests >"$WORK/build.log" 2>&1 ||
        mvn -B -q package -pl app/server -am -DskipTests >"$WORK/build.log" 2>&1 ||
        { tail -30 "$WORK/build.log" >&2; die "the build failed"; }
fi

# --- Dovecot and the mail --------------------------------------------------------------------------------
log "starting Dovecot"
# Dovecot's daemon must not inherit this script's stdout: a pipe reading it (| tee) would never end.
POSTLINE_DOVECOT_DIR=$DOVECOT_DIR POSTLINE_DOVECOT_PORT=$DOVECOT_PORT infra/bench/dovecot/run-dovecot.sh start \
    >"$WORK/dovecot.txt" 2>&1 </dev/null || { cat "$WORK/dovecot.txt" >&2; die "Dovecot did not start"; }
sed 's/^/  /' "$WORK/dovecot.txt"
MAILDIR=$DOVECOT_DIR/home/$DOVECOT_USER/Maildir
DOVECONF=$DOVECOT_DIR/dovecot.conf
[ -d "$MAILDIR/cur" ] || die "no Maildir at $MAILDIR (is Dovecot in Maildir format?)"
log "writing $MESSAGES messages of RealisticMix (seed $SEED) into $MAILDIR"
java infra/bench/src/main/java/dev/postline/bench/RealisticMix.java --maildir "$MAILDIR" --messages "$MESSAGES" \
    --seed "$SEED" | tee "$WORK/mix.txt" | sed 's/^/  /'
MAIL_BYTES=$(sed -n 's/^messages=[0-9]* bytes=\([0-9]*\)$/\1/p' "$WORK/mix.txt")
[ -n "$MAIL_BYTES" ] || die "the generator printed no total"
chown -R --reference="$DOVECOT_DIR/home" "$MAILDIR" 2>/dev/null || true
# Dovecot lists the new files and assigns UIDs here (its index), before either side is timed.
indexed=$(doveadm -c "$DOVECONF" mailbox status -u "$DOVECOT_USER" messages INBOX | sed 's/.*messages=//')
[ "$indexed" = "$MESSAGES" ] || die "Dovecot sees $indexed messages in INBOX, not $MESSAGES"
log "Dovecot indexed INBOX: $indexed messages, $MAIL_BYTES bytes"

# --- the peer: mbsync ------------------------------------------------------------------------------------
# run_mbsync NAME: sets MB_S (seconds), MB_CPU (mbsync's CPU seconds), MB_LOAD; checks all N messages arrived.
run_mbsync() {
    local name=$1 dir="$WORK/mbsync-$1"
    mkdir -p "$dir/mail"
    cat >"$dir/mbsyncrc" <<EOF
IMAPAccount bench
Host 127.0.0.1
Port $DOVECOT_PORT
User $DOVECOT_USER
Pass $DOVECOT_PASSWORD
SSLType None
AuthMechs PLAIN

IMAPStore bench-far
Account bench

MaildirStore bench-near
Path $dir/mail/
Inbox $dir/mail/INBOX

Channel bench
Far :bench-far:
Near :bench-near:
Patterns INBOX
Sync Pull
Create Near
SyncState *
EOF
    local load_before start end cpu got
    load_before=$(loadavg)
    start=$(now_ns)
    local TIMEFORMAT='%U %S'
    { time timeout "$TIMEOUT" mbsync -q -c "$dir/mbsyncrc" bench >"$dir/out.txt" 2>&1; } 2>"$dir/time.txt" ||
        { cat "$dir/out.txt" >&2; die "mbsync ($name) failed"; }
    end=$(now_ns)
    cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$dir/time.txt")
    got=$(find "$dir/mail/INBOX/cur" "$dir/mail/INBOX/new" -type f | wc -l)
    [ "$got" -eq "$MESSAGES" ] || die "mbsync ($name) stored $got messages, not $MESSAGES"
    MB_S=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    MB_CPU=$cpu
    MB_LOAD="$load_before → $(loadavg)"
    rm -rf "$dir"
}

log "mbsync, first run"
run_mbsync before
MB1_S=$MB_S MB1_CPU=$MB_CPU MB1_LOAD=$MB_LOAD
log "mbsync before: $MESSAGES messages in $MB1_S s (mbsync CPU $MB1_CPU s)"

# --- Postline: database, server process ------------------------------------------------------------------
DATA_DIR=$WORK/data
mkdir -p "$DATA_DIR"
OPERATOR_EMAIL=operator@bench.postline.test
OPERATOR_PASSWORD="bench-operator-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
ADMIN_EMAIL=admin@acme.example
ADMIN_PASSWORD="bench-admin-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
declare -a SERVER_ENV=(
    POSTLINE_PORT="$HTTP_PORT" POSTLINE_HOST=127.0.0.1 POSTLINE_DATA_DIR="$DATA_DIR" POSTLINE_DEMO=false
    POSTLINE_OPERATOR_EMAIL="$OPERATOR_EMAIL" POSTLINE_OPERATOR_PASSWORD="$OPERATOR_PASSWORD"
    POSTLINE_SYNC_ALLOW_PRIVATE_NETWORKS=true POSTLINE_SYNC_EXTRA_PORTS="$DOVECOT_PORT"
)
if [ "$DB" = pg ]; then
    "${PG_ADMIN[@]}" -c "SELECT 1" >/dev/null || die "no PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth)"
    PG_DB=postline_bench_ingest_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
    # The production roles (docs/configuration.md): an owner that runs the migrations, a service role under
    # forced row-level security (no superuser, no BYPASSRLS). Trust auth on 127.0.0.1: no passwords.
    "${PG_ADMIN[@]}" >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'postline_owner') THEN
    CREATE ROLE postline_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'postline_app') THEN
    CREATE ROLE postline_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB; END IF;
END \$\$;
CREATE DATABASE $PG_DB OWNER postline_owner;
SQL
    SERVER_ENV+=(POSTLINE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB" POSTLINE_DB_USER=postline_app
        POSTLINE_DB_PASSWORD= POSTLINE_DB_OWNER_USER=postline_owner POSTLINE_DB_OWNER_PASSWORD=
        POSTLINE_DB_APP_ROLE=postline_app)
    log "PostgreSQL database $PG_DB ($("${PG_ADMIN[@]}" -c 'SHOW server_version'), autovacuum $("${PG_ADMIN[@]}" -c 'SHOW autovacuum'))"
fi
pg_q() { psql -X -q -h 127.0.0.1 -p 5432 -U postgres -d "$PG_DB" -At -c "$1"; }

JAVA_OPTS=(--sun-misc-unsafe-memory-access=allow)
# POSTLINE_JAVA_OPTS as the launcher's `run` takes it (e.g. "-Xmx384m" to measure RSS under a heap cap).
# shellcheck disable=SC2206
[[ -z ${POSTLINE_JAVA_OPTS:-} ]] || JAVA_OPTS+=(${POSTLINE_JAVA_OPTS})
(exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null &&
    die "127.0.0.1:$HTTP_PORT is in use (another server?); set POSTLINE_BENCH_HTTP_PORT"
log "starting the server: java ${JAVA_OPTS[*]} -jar $jar (--db $DB, http 127.0.0.1:$HTTP_PORT)"
start_ns=$(now_ns)
env "${SERVER_ENV[@]}" java "${JAVA_OPTS[@]}" -jar "$jar" >"$RESULTS/server.log" 2>&1 &
SERVER_PID=$!
HTTP=http://127.0.0.1:$HTTP_PORT
COLD_START_S=
for _ in $(seq 1200); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$RESULTS/server.log" >&2; die "the server exited during start-up"; }
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$HTTP/health")" = 200 ]; then
        COLD_START_S=$(awk -v a="$start_ns" -v b="$(now_ns)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
        break
    fi
    sleep 0.05
done
[ -n "$COLD_START_S" ] || { tail -40 "$RESULTS/server.log" >&2; die "no 200 on /health within 60 s"; }
COLD_LOAD=$(loadavg)
log "first 200 on /health after $COLD_START_S s (pid $SERVER_PID)"

# api METHOD PATH [TOKEN] [JSON] -> body on stdout; a status other than 2xx fails the run.
api() {
    local method=$1 path=$2 token=${3:-} body=${4:-} status
    local -a args=(-sS -o "$WORK/api.out" -w '%{http_code}' -X "$method" -H 'Content-Type: application/json')
    [ -z "$token" ] || args+=(-H "Authorization: Bearer $token")
    [ -z "$body" ] || args+=(--data-binary "$body")
    # A GET that gets no HTTP answer (connection reset on a machine at load 20) is tried again, up to 3 times.
    local attempt
    for attempt in 1 2 3; do
        status=$(curl --max-time 60 "${args[@]}" "$HTTP$path" 2>"$WORK/curl.err") && break
        echo "ingest-side-by-side: $method $path: no answer (attempt $attempt): $(cat "$WORK/curl.err")" >&2
        [ "$method" = GET ] && [ $attempt -lt 3 ] || die "$method $path: no answer"
        sleep 1
    done
    [[ $status == 2* ]] || { cat "$WORK/api.out" >&2; echo >&2; die "$method $path answered $status"; }
    cat "$WORK/api.out"
}
login() { api POST /api/v1/auth/login "" "$1" | jq -er .accessToken; }

OPERATOR_TOKEN=$(login "$(jq -nc --arg e "$OPERATOR_EMAIL" --arg p "$OPERATOR_PASSWORD" '{email: $e, password: $p}')")
api POST /api/v1/operator/tenants "$OPERATOR_TOKEN" "$(jq -nc --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" \
    '{slug: "acme", name: "Acme", admin: {email: $e, displayName: "Bench Admin", role: "ADMIN", password: $p}}')" >/dev/null
ADMIN_TOKEN=$(login "$(jq -nc --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" '{tenant: "acme", email: $e, password: $p}')")
log "tenant acme with its admin created over the operator API"

# --- what is sampled -------------------------------------------------------------------------------------
# Stored bytes: blobs + the database (PostgreSQL: pg_database_size; H2: the db folder), minus the empty
# installation's, measured now.
blob_bytes() { if [ -d "$DATA_DIR/blobs" ]; then du -sb "$DATA_DIR/blobs" | cut -f1; else echo 0; fi; }
db_bytes() {
    if [ "$DB" = pg ]; then pg_q "SELECT pg_database_size(current_database())"
    else du -sb "$DATA_DIR/db" | cut -f1; fi
}
declare -A PG_BASE=() PG_LAST=()
# sample_pg [base]: CPU of every backend of the database now; "base" marks the starting point. A backend
# that appears later counts from 0 (all of its CPU is the import's).
sample_pg() {
    [ "$DB" = pg ] || return 0
    local pid c
    for pid in $("${PG_ADMIN[@]}" -c "SELECT pid FROM pg_stat_activity WHERE datname = '$PG_DB'"); do
        c=$(cpu_ms "$pid")
        if [ "${1:-}" = base ]; then PG_BASE[$pid]=$c; else : "${PG_BASE[$pid]:=0}"; fi
        PG_LAST[$pid]=$c
    done
}
pg_cpu_ms() {
    local total=0 pid
    for pid in "${!PG_LAST[@]}"; do total=$((total + PG_LAST[$pid] - PG_BASE[$pid])); done
    echo "$total"
}
DB_BYTES_0=$(db_bytes)
BLOB_BYTES_0=$(blob_bytes)
sample_pg base
JVM_CPU_0=$(cpu_ms "$SERVER_PID")
if $JFR; then
    # Recorded over the import only (not start-up or the logins' password hashing): started just before the
    # touchpoint is created, dumped when the last message is in.
    jcmd "$SERVER_PID" JFR.start name=ingest settings=profile >"$WORK/jfr-start.txt" 2>&1 ||
        { cat "$WORK/jfr-start.txt" >&2; die "jcmd JFR.start failed"; }
fi
LOAD_START=$(loadavg)

# --- the import: from the touchpoint's creation until its sync reports N fetched ------------------------
log "creating the IMAP touchpoint for $DOVECOT_USER@127.0.0.1:$DOVECOT_PORT (initialImportDays 3650)"
t0=$(now_ns)
TP_ID=$(api POST /api/v1/touchpoints "$ADMIN_TOKEN" "$(jq -nc --arg u "$DOVECOT_USER" --arg port "$DOVECOT_PORT" '{
    address: "support@acme.example", displayName: "Bench mailbox", connector: "imap", direction: "INBOUND",
    settings: {preset: "custom", imapHost: "127.0.0.1", imapPort: $port, imapTls: "plain", username: $u,
               folder: "INBOX", initialImportDays: "3650"}}')" | jq -er .id)
api PUT "/api/v1/touchpoints/$TP_ID/credential" "$ADMIN_TOKEN" "$(jq -nc --arg p "$DOVECOT_PASSWORD" '{password: $p}')" >/dev/null
deadline=$(( $(date +%s) + TIMEOUT ))
fetched=0
last_report=$(date +%s)
while :; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$RESULTS/server.log" >&2; die "the server died during the import"; }
    view=$(api GET "/api/v1/touchpoints/$TP_ID" "$ADMIN_TOKEN")
    fetched=$(jq -r '.sync.fetched // 0' <<<"$view")
    sample_pg
    [ "$fetched" -lt "$MESSAGES" ] || break
    if [ "$(date +%s)" -ge "$deadline" ]; then
        jq -c '{connectionState, sync}' <<<"$view" >&2
        tail -40 "$RESULTS/server.log" >&2
        die "timeout after $TIMEOUT s: $fetched of $MESSAGES messages fetched"
    fi
    if [ $(( $(date +%s) - last_report )) -ge 15 ]; then
        log "  $fetched / $MESSAGES fetched, remaining $(jq -r '.sync.remaining // "?"' <<<"$view"), state $(jq -r .connectionState <<<"$view"), last error $(jq -r '.sync.lastError // "none"' <<<"$view")"
        last_report=$(date +%s)
    fi
    sleep 0.25
done
t1=$(now_ns)
LOAD_END=$(loadavg)
JVM_CPU_1=$(cpu_ms "$SERVER_PID")
sample_pg
PG_CPU=$(pg_cpu_ms)
PEAK_RSS_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
DB_BYTES_1=$(db_bytes)
BLOB_BYTES_1=$(blob_bytes)
if $JFR; then
    jcmd "$SERVER_PID" JFR.stop name=ingest filename="$RESULTS/ingest.jfr" >"$WORK/jfr-stop.txt" 2>&1 ||
        { cat "$WORK/jfr-stop.txt" >&2; die "jcmd JFR.stop failed"; }
fi
IMPORT_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
log "sync reports $fetched fetched after $IMPORT_S s"

# Cross-check in the database: every message stored once, none quarantined.
if [ "$DB" = pg ]; then
    STORED=$(pg_q "SELECT count(*) FROM mail_message")
    QUARANTINED=$(pg_q "SELECT count(*) FROM quarantine")
    # Where the backends' CPU went, by table (rows read by sequential and index scans): kept with the results.
    psql -X -q -h 127.0.0.1 -p 5432 -U postgres -d "$PG_DB" -c "SELECT relname, seq_scan, seq_tup_read, idx_scan,
        idx_tup_fetch, n_tup_ins, n_tup_upd FROM pg_stat_user_tables ORDER BY seq_tup_read + coalesce(idx_tup_fetch, 0) DESC
        LIMIT 8" -c "SELECT relname, indexrelname, idx_scan, idx_tup_read, idx_tup_fetch FROM pg_stat_user_indexes
        ORDER BY idx_tup_read DESC LIMIT 8" >"$RESULTS/pg-table-stats.txt" 2>&1 || true
fi
# Stop the server (H2 is read after it let go of its file).
kill "$SERVER_PID"
for _ in $(seq 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
kill -0 "$SERVER_PID" 2>/dev/null && die "the server did not stop within 30 s of SIGTERM"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=
if [ "$DB" = h2 ]; then
    h2url="jdbc:h2:file:$DATA_DIR/db/postline;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
    h2q() { java -cp "$jar" org.h2.tools.Shell -url "$h2url" -user sa -sql "$1" 2>&1 | awk 'NR == 2 { print $1 }'; }
    STORED=$(h2q "SELECT count(*) FROM mail_message")
    QUARANTINED=$(h2q "SELECT count(*) FROM quarantine")
fi
[ "$STORED" = "$MESSAGES" ] || die "$STORED messages stored in the database, not $MESSAGES (quarantined: $QUARANTINED)"
log "database holds $STORED messages, $QUARANTINED quarantined"

# --- the peer again, in the same window ------------------------------------------------------------------
log "mbsync, second run"
run_mbsync after
MB2_S=$MB_S MB2_CPU=$MB_CPU MB2_LOAD=$MB_LOAD
log "mbsync after: $MESSAGES messages in $MB2_S s (mbsync CPU $MB2_CPU s)"

# --- the table -------------------------------------------------------------------------------------------
{
    awk -v n="$MESSAGES" -v bytes="$MAIL_BYTES" -v s="$IMPORT_S" -v jvm0="$JVM_CPU_0" -v jvm1="$JVM_CPU_1" \
        -v pg="$PG_CPU" -v db="$DB" -v rss="$PEAK_RSS_KB" -v blob0="$BLOB_BYTES_0" -v blob1="$BLOB_BYTES_1" \
        -v db0="$DB_BYTES_0" -v db1="$DB_BYTES_1" -v m1="$MB1_S" -v m2="$MB2_S" -v c1="$MB1_CPU" -v c2="$MB2_CPU" \
        -v cold="$COLD_START_S" -v seed="$SEED" -v jdk="$(java -version 2>&1 | head -1)" \
        -v lcold="$COLD_LOAD" -v ls="$LOAD_START" -v le="$LOAD_END" -v lm1="$MB1_LOAD" -v lm2="$MB2_LOAD" '
    BEGIN {
        mb = bytes / 1e6; rate = n / s; peer = 2 * n / (m1 + m2)
        stored = (blob1 - blob0) + (db1 - db0)
        printf "\nIngest side by side, %d messages (RealisticMix seed %d), %.1f MB, Dovecot Maildir on 127.0.0.1; %s\n", n, seed, mb, jdk
        printf "| figure | Postline (%s) | mbsync before / after |\n|---|---:|---:|\n", db == "pg" ? "PostgreSQL" : "H2"
        printf "| msg/s | %.0f | %.0f / %.0f |\n", rate, n / m1, n / m2
        printf "| MB/s | %.1f | %.1f / %.1f |\n", mb / s, mb / m1, mb / m2
        printf "| seconds | %.1f | %.1f / %.1f |\n", s, m1, m2
        printf "| Postline ÷ mbsync (msg/s; mbsync: N ÷ mean time of its two runs) | **%.3f** | |\n", rate / peer
        printf "| CPU ms/msg, server JVM (all threads) | %.2f | %.3f / %.3f (mbsync process) |\n", (jvm1 - jvm0) / n, c1 * 1000 / n, c2 * 1000 / n
        if (db == "pg") printf "| CPU ms/msg, PostgreSQL backends of the database | %.2f | – |\n", pg / n
        printf "| peak RSS (VmHWM, whole process life) | %.0f MiB | – |\n", rss / 1024
        printf "| stored bytes ÷ mailbox | %.3f× (blobs %.1f MB + database %.1f MB) | – |\n", stored / bytes, (blob1 - blob0) / 1e6, (db1 - db0) / 1e6
        printf "| start to first 200 on /health (fresh %s) | %.2f s | – |\n", db == "pg" ? "database" : "data dir", cold
        printf "| load average (1/5/15 min) | start %s, end %s; at /health %s | %s; %s |\n", ls, le, lcold, lm1, lm2
    }'
} | tee "$RESULTS/table.md"

# --- JFR: where the ingest threads spend their samples ---------------------------------------------------
if $JFR; then
    rec=$RESULTS/ingest.jfr
    [ -s "$rec" ] || die "no JFR recording at $rec"
    {
        echo
        echo "JFR ($rec, the import only): top frames of the ingest threads (sync-<touchpoint>; ingest-commit-* where the batch commit runs apart)"
        for event in jdk.ExecutionSample jdk.NativeMethodSample; do
            echo
            echo "$event:"
            jfr print --events "$event" --stack-depth 1 "$rec" | awk '
                /sampledThread = / { sync = ($0 ~ /"(sync-[0-9a-f]|ingest-)/) }
                /stackTrace = \[/ { want = 1; next }
                want && NF { if (sync) { sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*$/, ""); count[$0]++; total++ } want = 0 }
                END {
                    printf "%d samples on the sync-<touchpoint> and ingest-* threads\n", total
                    for (f in count) printf "%6d %5.1f%%  %s\n", count[f], 100 * count[f] / total, f | "sort -rn | head -20"
                }'
        done
        echo
        echo "jfr view hot-methods (all threads):"
        jfr view --width 160 hot-methods "$rec" 2>&1 | head -30
    } | tee "$RESULTS/jfr-top-frames.txt"
fi
echo
echo "results: $RESULTS (table.md, server.log$($JFR && echo ", ingest.jfr, jfr-top-frames.txt")$([ "$DB" = pg ] && echo ", pg-table-stats.txt"))"
