package dev.postline.server.support;

import dev.postline.core.vault.VaultKeysets;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What the kill-fault tests share: a Postline process in another JVM that the test kills with SIGKILL and
 * starts again on the same H2 file database. The test writes the children's properties once
 * ({@link #writeProperties}), starts each child with a mode ({@link #start}), and each child reads them back
 * ({@link #load}). Only one process opens the database at a time; the test reads it after the last child exited.
 */
public final class KillableChild {

    private final Path dir;
    private final String dbUrl;
    private final Path propsFile;

    /** A child workspace in {@code dir}: the database under {@code db/}, blobs under {@code data/}, logs beside them. */
    public KillableChild(Path dir) {
        this.dir = dir;
        // WRITE_DELAY=0 as in the embedded default (EmbeddedDefaults): H2 otherwise writes commits to the file up to
        // 500 ms later, and a SIGKILL loses them (then mail is fetched, or a reply sent, twice — whatever Postline does).
        this.dbUrl = "jdbc:h2:file:" + dir.resolve("db").resolve("postline")
                + ";WRITE_DELAY=0;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        this.propsFile = dir.resolve("child.properties");
    }

    public String dbUrl() {
        return dbUrl;
    }

    /** The log file of the child started with {@code log}. */
    public Path log(String log) {
        return dir.resolve(log + ".log");
    }

    /**
     * The database, data dir, fresh secrets, loopback mail servers on {@code ports} allowed, then {@code extra}
     * (a test's own settings and {@code test.*} values), written for the children.
     */
    public void writeProperties(Map<String, String> extra, int... ports) throws IOException {
        Properties p = new Properties();
        p.setProperty("postline.db.url", dbUrl);
        p.setProperty("postline.data-dir", dir.resolve("data").toString());
        p.setProperty("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        p.setProperty("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        p.setProperty("postline.security.password-iterations", "1000");
        p.setProperty("postline.sync.allow-private-networks", "true");
        p.setProperty("postline.sync.extra-ports", String.join(",", java.util.Arrays.stream(ports).mapToObj(Integer::toString).toList()));
        extra.forEach(p::setProperty);
        try (Writer out = Files.newBufferedWriter(propsFile)) {
            p.store(out, null);
        }
    }

    /** A new JVM on this test's class path running {@code main mode <properties>}, its output in {@link #log}. */
    public Process start(Class<?> main, String mode, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName(), mode,
                propsFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(log(log).toFile())
                .start();
    }

    /** In the child: its properties, as the application context takes them, from the file in {@code args[1]}. */
    public static Map<String, Object> load(String[] args, Properties file) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            file.load(in);
        }
        Map<String, Object> props = new HashMap<>();
        file.forEach((k, v) -> props.put(k.toString(), v));
        return props;
    }
}
