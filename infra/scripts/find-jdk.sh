# Sourced by ./postline and .ci/run: sets JAVA_HOME to a JDK 25 (or newer).
# Order: $JAVA_HOME if it is 25+, then the newest JDK 25+ under /usr/lib/jvm.

postline_java_major() {
    # The JDK's release file says it without starting a JVM (~0.1-0.3 s of every ./postline run); ask java if absent.
    local version
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
    if [ -n "$version" ]; then echo "$version"; return 0; fi
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

postline_find_jdk() {
    local candidate major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        major=$(postline_java_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
            return 0
        fi
        echo "postline: JAVA_HOME=$JAVA_HOME is Java $major; looking for JDK 25 under /usr/lib/jvm" >&2
    fi
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        candidate=${candidate%/}
        [ -x "$candidate/bin/javac" ] || continue
        major=$(postline_java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    cat >&2 <<'MSG'
postline: no JDK 25 found.
  Postline compiles for Java 21 but runs and is tested on JDK 25 (virtual threads without
  pinning on synchronized, which jakarta.mail IDLE relies on).
  Install one, e.g. Temurin 25 (apt: temurin-25-jdk), or point JAVA_HOME at it:
    export JAVA_HOME=/path/to/jdk-25
MSG
    return 1
}
