#!/usr/bin/env bash
# Cold start of the embedded default (issue #14, target 6): from process start to the first 200 on /health.
#
#   infra/bench/cold-start.sh [--runs N] [--no-aot] [--profile] [--keep] [--jar FILE]...
#
# Each run takes a fresh data dir under /tmp/coldstart-bench-*/ and starts the server twice on it:
#   fresh  the first start: data dir created, JWT secret and vault key generated, every migration, demo seeded;
#   warm   the second start on the same dir: schema validated, demo found, nothing generated.
# The server is started with the command `./postline run` execs: `java --sun-misc-unsafe-memory-access=allow
# [-XX:AOTCache=app/server/target/postline.aot when it fits the jar] $POSTLINE_JAVA_OPTS -jar
# app/server/target/postline.jar` (--no-aot: without the cache). The launcher itself is not run, because it
# rebuilds (mvn install) when a source is newer than the jar; its own cost (JDK check, build check) is timed
# once and printed apart. /health is polled with curl every 25 ms; the server is
# stopped with SIGTERM after each start. The embedded default as shipped: H2 file database, sandbox mailbox,
# demo on; only the data dir and the ports are set (POSTLINE_BENCH_HTTP_PORT, 18200; the sandbox's SMTP and
# IMAP on the next two ports).
# Printed: one line per start with the time, the server's CPU time until then (all threads; the main thread's), Micronaut's own
# "Startup completed in" figure and /proc/loadavg, then the median, min and max of each kind and jar. The
# machine is shared: read the load beside every figure.
#
# --profile adds (for the first jar) one fresh and one warm start with -Xlog:class+load, a JFR recording of the start
# (settings=profile; JFR itself costs some hundred ms; only with --no-aot or no cache, as JFR disables the cache) and a log configuration that shows Flyway's
# per-migration lines and the start-up steps, and prints where the time went: log milestones relative to the
# process start, classes loaded (from the CDS/AOT archive vs. from jars), and the main thread's JFR samples
# by start-up step. The jar must be built (mvn -B -o -q -pl app/server -am package -DskipTests; never install).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

RUNS=5
AOT=true
PROFILE=false
KEEP=false
JARS=()
HTTP_PORT=${POSTLINE_BENCH_HTTP_PORT:-18200}
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=${2:?}; shift 2 ;;
        --no-aot) AOT=false; shift ;;
        --profile) PROFILE=true; shift ;;
        --keep) KEEP=true; shift ;;
        --jar) [ -f "${2:?}" ] || { echo "cold-start: no jar $2" >&2; exit 2; }; JARS+=("$2"); shift 2 ;;
        -h|--help) sed -n '2,4p' "$0" >&2; exit 2 ;;
        *) echo "cold-start: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ $RUNS =~ ^[0-9]+$ ]] || { echo "cold-start: --runs must be a number" >&2; exit 2; }

. infra/scripts/find-jdk.sh
. infra/scripts/aot-cache.sh
postline_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"
die() { echo "cold-start: FAILED: $*" >&2; exit 1; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
now_ns() { date +%s%N; }
CLK_TCK=$(getconf CLK_TCK)
# utime + stime of a process, all its threads (JIT and GC included), in seconds: fields 14 and 15 of /proc/PID/stat.
# Less at the mercy of the other engineers' load than the wall time, so it is printed beside it.
# The same for the threads named "java": the JVM's main thread, which runs the whole start-up, and the launcher
# thread, idle meanwhile. The critical path's own CPU; what is left of the wall time is waiting (I/O, the run queue).
main_cpu_s() {
    local t sum=0
    for t in /proc/"$1"/task/*; do
        [ "$(cat "$t/comm" 2>/dev/null)" = java ] || continue
        sum=$((sum + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$t/stat" 2>/dev/null || echo 0)))
    done
    awk -v s="$sum" -v tck="$CLK_TCK" 'BEGIN { printf "%.2f", s / tck }'
}
cpu_s() { awk -v tck="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / tck }' "/proc/$1/stat" 2>/dev/null || echo "-"; }
# --jar (repeatable): other builds, e.g. a copy of main's jar (cp -p keeps the mtime its .aot key names), measured
# in turn within each run so that every build sees the same moments of a shared machine. Default: this tree's jar,
# which must be current.
if [ ${#JARS[@]} -eq 0 ]; then
    JARS=(app/server/target/postline.jar)
    [ -f "${JARS[0]}" ] || die "${JARS[0]} is missing: mvn -B -o -q -pl app/server -am package -DskipTests"
    [ -z "$(find . -path ./data -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
        -newer "${JARS[0]}" -print -quit 2>/dev/null)" ] || die "sources are newer than ${JARS[0]}: rebuild it with mvn package first"
fi
for port in "$HTTP_PORT" $((HTTP_PORT + 1)) $((HTTP_PORT + 2)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "127.0.0.1:$port is in use; set POSTLINE_BENCH_HTTP_PORT"
done

WORK=$(mktemp -d /tmp/coldstart-bench-XXXXXX)
SERVER_PID=
cleanup() {
    [ -z "$SERVER_PID" ] || { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; }
    if $KEEP; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# start_once JAR DATA_DIR LOG [extra JVM options...] -> SECS (to the first 200) and MS (Micronaut's "Startup
# completed in"); the server is stopped after.
start_once() {
    local jar=$1 data=$2 log=$3 start end code aot=
    shift 3
    ! $AOT || aot=$(postline_aot_options "$jar")
    local -a envs=(POSTLINE_DATA_DIR="$data" POSTLINE_PORT="$HTTP_PORT" POSTLINE_DEMO_SMTP_PORT=$((HTTP_PORT + 1))
        POSTLINE_DEMO_IMAP_PORT=$((HTTP_PORT + 2)))
    start=$(now_ns)
    # shellcheck disable=SC2086
    env "${envs[@]}" java --sun-misc-unsafe-memory-access=allow $aot ${POSTLINE_JAVA_OPTS:-} "$@" -jar "$jar" >"$log" 2>&1 &
    SERVER_PID=$!
    end=
    for _ in $(seq 2400); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/health" || true)
        if [ "$code" = 200 ]; then end=$(now_ns); CPU=$(cpu_s "$SERVER_PID"); MAIN_CPU=$(main_cpu_s "$SERVER_PID"); break; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$log" >&2; die "the server exited during start-up"; }
        sleep 0.025
    done
    [ -n "$end" ] || { tail -30 "$log" >&2; die "no 200 on /health within 60 s"; }
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
    MS=$(sed -n 's/.*Startup completed in \([0-9]*\)ms.*/\1/p' "$log" | head -n 1)
    MS=${MS:--}
    SECS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
}

summary() { # label file-of-seconds
    [ -f "$2" ] || return 0
    sort -n "$2" | awk -v label="$1" '{ v[NR] = $1 } END {
        if (NR == 0) exit
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%-34s median %5.2f s   min %5.2f s   max %5.2f s   (%d starts)\n", label, m, v[1], v[NR], NR }'
}

launcher_start=$(now_ns)
./postline help >/dev/null
find . -path ./data -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "${JARS[0]}" -print -quit >/dev/null 2>&1
launcher_s=$(awk -v a="$launcher_start" -v b="$(now_ns)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
echo "cold start: $(java -version 2>&1 | head -n 1), POSTLINE_JAVA_OPTS='${POSTLINE_JAVA_OPTS:-}', tree $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo '+changes'), $(nproc) cores, $(date -u '+%F %H:%M') UTC"
for i in "${!JARS[@]}"; do
    aot=
    ! $AOT || aot=$(postline_aot_options "${JARS[$i]}")
    echo "  jar $((i + 1)): ${JARS[$i]} ($(stat -c '%s bytes, %y' "${JARS[$i]}" | cut -d. -f1)), ${aot:-no AOT cache}"
done
echo "not included below: the launcher's own checks before it execs java (JDK, build), timed once: $launcher_s s, load $(loadavg)"
echo "start  jar run  seconds  cpu-s  main-cpu-s  micronaut-ms  load (1/5/15 min)"
for run in $(seq "$RUNS"); do
    for i in "${!JARS[@]}"; do
        data="$WORK/data-$run-$i"
        for kind in fresh warm; do
            start_once "${JARS[$i]}" "$data" "$WORK/$kind-$run-$i.log"
            echo "$SECS" >>"$WORK/$kind-$i.txt"
            echo "$CPU" >>"$WORK/$kind-$i.cpu"
            echo "$MAIN_CPU" >>"$WORK/$kind-$i.main"
            printf '%-6s %3d %3d  %7s  %5s  %10s  %12s  %s\n' "$kind" "$((i + 1))" "$run" "$SECS" "$CPU" "$MAIN_CPU" "$MS" "$(loadavg)"
        done
        rm -rf "$data"
    done
done
for i in "${!JARS[@]}"; do
    for kind in fresh warm; do
        summary "$kind, jar $((i + 1)), wall" "$WORK/$kind-$i.txt"
        summary "$kind, jar $((i + 1)), CPU" "$WORK/$kind-$i.cpu"
        summary "$kind, jar $((i + 1)), main-thread CPU" "$WORK/$kind-$i.main"
    done
done

$PROFILE || exit 0

# ---- where the time goes: one fresh and one warm start with logs, class loading and JFR ----
cat >"$WORK/logback-profile.xml" <<'XML'
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.flywaydb" level="INFO"/>
  <logger name="org.flywaydb.core.internal.command.DbMigrate" level="DEBUG"/>
  <logger name="com.zaxxer.hikari.HikariDataSource" level="INFO"/>
  <logger name="io.micronaut.context.env" level="WARN"/>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
XML
# Milliseconds since the process start of every log line that marks a step (the JVM's clock is UTC here).
milestones() { # log start-ms-of-day
    awk -v t0="$2" '/^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9] / {
        split($1, p, /[:.]/); t = ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + p[4]
        if (/Hikari|Database schema|Successfully (validated|applied)|Migrating schema|Sandbox mailbox|Active connectors|demo tenant|Startup completed|Current version|Creating Schema History/) {
            line = $0; sub(/^[^ ]+ +[A-Z]+ +\[[^]]*\] /, "", line)
            printf "  %6d ms  %s\n", t - t0, substr(line, 1, 150)
        }
    }' "$1"
}
# The main thread's JFR execution samples, each counted once under the first step its stack is in.
jfr_steps() { # recording
    jfr print --events jdk.ExecutionSample --stack-depth 400 "$1" | awk '
        /sampledThread = "main"/ { main = 1 }
        /stackTrace = \[/ { inStack = main; stack = ""; next }
        inStack && /^[ \t]*\]/ { classify(stack); inStack = 0; main = 0; next }
        inStack { stack = stack "\n" $0 }
        function classify(s,    step) {
            step = "other (Micronaut context, bean definitions, Netty, JDK)"
            if (s ~ /DemoSeeder\.seed/) step = (s ~ /Pbkdf2|PasswordHash|PBKDF2|HmacCore/) ? "demo seeding: password hashing" : "demo seeding: rest"
            else if (s ~ /EmbeddedDefaults|VaultKeysets|tink/) step = "embedded defaults, JWT secret, vault key"
            else if (s ~ /flywaydb/) step = "Flyway (validate + migrate)"
            else if (s ~ /org\.h2\./) step = "H2 outside Flyway (open, queries)"
            else if (s ~ /SandboxMailbox|greenmail/) step = "sandbox mailbox (GreenMail)"
            else if (s ~ /Pbkdf2|PBKDF2|HmacCore/) step = "password hashing outside the demo (operator)"
            else if (s ~ /hikari/) step = "Hikari pool"
            else if (s ~ /serde|jackson/) step = "serde / Jackson"
            else if (s ~ /logback|slf4j/) step = "logging set-up"
            else if (s ~ /netty/) step = "Netty"
            count[step]++; total++
        }
        END { for (k in count) printf "  %5d  %5.1f %%  %s\n", count[k], 100 * count[k] / total, k | "sort -rn"; close("sort -rn")
              printf "  %5d  (main-thread samples in all)\n", total }'
}
pdata="$WORK/data-profile"
jfr_off=
! $AOT || [ -z "$(postline_aot_options "${JARS[0]}")" ] || jfr_off="no JFR (it disables the AOT cache; --no-aot for JFR), "
for kind in fresh warm; do
    log="$WORK/profile-$kind.log"
    t0=$(date -u +%H:%M:%S.%3N | awk -F'[:.]' '{ print (($1 * 60 + $2) * 60 + $3) * 1000 + $4 }')
    # JFR from the start adds the jdk.jfr module, and the JDK then refuses the AOT cache: with a cache, no JFR.
    jfr=()
    [ -n "$jfr_off" ] || jfr=("-XX:StartFlightRecording=filename=$WORK/start-$kind.jfr,settings=profile")
    start_once "${JARS[0]}" "$pdata" "$log" -Duser.timezone=UTC -Dlogback.configurationFile="$WORK/logback-profile.xml" \
        "-Xlog:class+load=info:file=$WORK/classes-$kind.txt" "${jfr[@]}"
    echo
    echo "== profile, $kind start: $SECS s to the first 200 (Micronaut: $MS ms), load $(loadavg); ${jfr_off:-JFR and }class logging on, so slower"
    echo "log milestones (ms since the process start):"
    milestones "$log" "$t0"
    total=$(grep -c 'source:' "$WORK/classes-$kind.txt" || true)
    shared=$(grep -c 'source: shared objects file' "$WORK/classes-$kind.txt" || true)
    echo "classes loaded: $total, of which from the CDS/AOT archive: $shared"
    if [ -z "$jfr_off" ]; then
        echo "main thread, JFR execution samples by step:"
        jfr_steps "$WORK/start-$kind.jfr"
    fi
done
