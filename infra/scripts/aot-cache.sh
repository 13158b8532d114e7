# Sourced by ./postline and infra/bench/cold-start.sh: the JDK 25 AOT cache of the server jar (JEP 483/514/515).
#
# The cache holds the classes the server loads while it starts, already parsed, verified and linked, and the
# method profiles of that start; with it the JVM starts the server in about half the time. It is made by one
# training run (postline_aot_train: the embedded default in a throw-away data dir, a few requests, then
# SIGTERM; the JVM writes the cache as it exits) and lives beside the jar:
#   app/server/target/postline.aot       the cache
#   app/server/target/postline.aot.key   what it was made for: the jar's size and mtime, the JDK's version
# postline_aot_options prints -XX:AOTCache=... only while the key matches the jar and the JDK, so a rebuilt jar
# or another JDK simply starts without it. The JDK checks the same again (and JVM options that must agree) and
# ignores a cache that does not fit with a one-line warning; it never refuses to start for it (AOTMode=auto).

# The key of the cache a jar and the current JDK need (no JVM started: the JDK's release file tells its version).
postline_aot_key() {
    local jar=$1 jdk
    jdk=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$JAVA_HOME/release" 2>/dev/null)
    echo "jar $(stat -c '%s %Y' "$jar") jdk ${jdk:-unknown}"
}

postline_aot_file() { echo "${1%.jar}.aot"; }

# JVM options that use the cache, if it fits; nothing otherwise.
postline_aot_options() {
    local jar=$1 cache
    cache=$(postline_aot_file "$jar")
    if [ -s "$cache" ] && [ -f "$cache.key" ] && [ "$(cat "$cache.key")" = "$(postline_aot_key "$jar")" ]; then
        echo "-XX:AOTCache=$cache"
    fi
}

# A free TCP port on 127.0.0.1 in 20000-59999 (nothing answers a connect). Racy, like any such probe: the
# training run fails clearly and the launcher goes on without a cache if another process takes it meanwhile.
postline_aot_free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
    done
    return 1
}

# Makes the cache for JAR: starts the embedded default on a fresh data dir (keys, every migration, demo seeding,
# the sandbox mailbox), waits for /health, signs the demo admin in and reads a few pages, stops it with SIGTERM
# and waits while the JVM writes the cache (~15-30 s on 2 cores). Never fails the caller: without a cache the
# server only starts slower. The training log stays in /tmp/postline-aot-*/train.log when it fails.
postline_aot_train() {
    local jar=$1 cache work port smtp imap pid ok=false base
    cache=$(postline_aot_file "$jar")
    rm -f "$cache" "$cache.key" "$cache.tmp"
    work=$(mktemp -d /tmp/postline-aot-XXXXXX)
    port=$(postline_aot_free_port) && smtp=$(postline_aot_free_port) && imap=$(postline_aot_free_port) || {
        echo "postline: no free port for the AOT training run; starting without an AOT cache" >&2; return 0; }
    echo "postline: making the AOT cache (a training start of the embedded default, then the JVM writes $cache; ~30 s)" >&2
    # shellcheck disable=SC2086
    env -u POSTLINE_DB_URL POSTLINE_DATA_DIR="$work/data" POSTLINE_PORT="$port" POSTLINE_DEMO=true \
        POSTLINE_DEMO_SMTP_PORT="$smtp" POSTLINE_DEMO_IMAP_PORT="$imap" \
        java --sun-misc-unsafe-memory-access=allow ${POSTLINE_JAVA_OPTS:-} -XX:AOTCacheOutput="$cache.tmp" \
        -jar "$jar" >"$work/train.log" 2>&1 &
    pid=$!
    base=http://127.0.0.1:$port
    for _ in $(seq 600); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health")" = 200 ]; then ok=true; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if $ok; then
        # The first requests' classes too (routing, security, serde, the admin pages' views).
        local token
        token=$(curl -s -X POST -H 'Content-Type: application/json' "$base/api/v1/auth/login" \
            -d '{"tenant":"demo","email":"admin@demo.postline.test","password":"postline-demo"}' |
            sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p')
        for path in /api/v1/auth/me /api/v1/touchpoints /api/v1/conversations /admin /admin/touchpoints; do
            curl -s -o /dev/null -H "Authorization: Bearer $token" "$base$path" || true
        done
        curl -s -o /dev/null "$base/openapi.yml" || true
    fi
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 900); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null || true
        ok=false
    fi
    wait "$pid" 2>/dev/null || true
    if $ok && [ -s "$cache.tmp" ]; then
        mv "$cache.tmp" "$cache"
        postline_aot_key "$jar" >"$cache.key"
        rm -rf "$work"
        echo "postline: AOT cache ready ($(du -h "$cache" | cut -f1))" >&2
    else
        rm -f "$cache.tmp"
        echo "postline: could not make the AOT cache (log: $work/train.log); the server starts without it" >&2
    fi
    return 0
}
