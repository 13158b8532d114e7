package dev.postline.bench;

import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.sync.SyncSupervisor;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import dev.postline.core.vault.VaultKeysets;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the inbound pipeline benchmarks share: a fresh database (H2 in memory, or a PostgreSQL
 * database {@code postline_bench_*} owned by {@code postline_owner} with the service connecting as
 * {@code postline_app}, as in production and in the server's whole-application tests), a Micronaut
 * context of the real core without an HTTP server, and tenants and IMAP touchpoints created through
 * the services. {@link #close()} closes the context, drops the PostgreSQL database and deletes the
 * data directory (blob store).
 */
final class PostlineBench implements AutoCloseable {

    static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private final String db;
    private final String pgDatabase;
    private final Path dataDir;
    private final Map<String, Object> props;
    private ApplicationContext context;

    /**
     * Starts the context. {@code imapPorts} are allowed by the host policy (127.0.0.1 is allowed as
     * a private network). The sync supervisor is not started: call {@link #startSync()}.
     */
    PostlineBench(String db, List<Integer> imapPorts, int batchSize, Map<String, Object> extra) throws IOException {
        this.db = db;
        this.dataDir = Files.createTempDirectory("postline-bench-data-");
        Map<String, Object> props = new HashMap<>();
        String name = "postline_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (db) {
            case "h2" -> {
                pgDatabase = null;
                props.put("postline.db.url", "jdbc:h2:mem:" + name
                        + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            }
            case "pg" -> {
                pgDatabase = name;
                createPostgresDatabase(name);
                // Diagnostic only (-Dpostline.bench.pg-options=-c%20synchronous_commit%3Doff): server options for
                // the service's connections, e.g. to see what the commit's WAL flush costs.
                String options = System.getProperty("postline.bench.pg-options", "");
                props.put("postline.db.url", "jdbc:postgresql://127.0.0.1:5432/" + name
                        + (options.isBlank() ? "" : "?options=" + options));
                props.put("postline.db.user", "postline_app");
                props.put("postline.db.password", "");
                props.put("postline.db.owner-user", "postline_owner");
                props.put("postline.db.owner-password", "");
                props.put("postline.db.app-role", "postline_app");
            }
            default -> throw new IllegalArgumentException("--db must be h2 or pg, not " + db);
        }
        props.put("postline.sync.enabled", "true");
        props.put("postline.sync.allow-private-networks", "true");
        props.put("postline.sync.extra-ports", String.join(",", imapPorts.stream().map(String::valueOf).toList()));
        props.put("postline.sync.rescan-interval", "500ms");
        props.put("postline.sync.batch-size", Integer.toString(batchSize));
        props.put("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        props.put("postline.security.jwt-secret", "bench-jwt-secret-that-is-long-enough-for-hs256-signing");
        props.put("postline.security.password-iterations", "1000");
        props.put("postline.data-dir", dataDir.toString());
        props.putAll(extra);
        this.props = props;
        try {
            this.context = ApplicationContext.run(props);
        } catch (RuntimeException e) {
            dropPostgres();
            deleteDataDir();
            throw e;
        }
    }

    ApplicationContext context() {
        return context;
    }

    /** Closes the context and starts a new one on the same database and data directory, as a restarted process. */
    void restart(Map<String, Object> changes) {
        context.close();
        props.putAll(changes);
        context = ApplicationContext.run(props);
    }

    String db() {
        return db;
    }

    /** The PostgreSQL database name, or null on H2. */
    String pgDatabase() {
        return pgDatabase;
    }

    void startSync() {
        context.getBean(SyncSupervisor.class).start();
    }

    int runningSyncs() {
        return context.getBean(SyncSupervisor.class).runningCount();
    }

    TenantId createTenant(String slug) {
        return context.getBean(TenantService.class).create(new TenantService.NewTenant(slug, "Bench " + slug,
                new UserService.NewUser("admin@" + slug + ".example", "Admin", Role.ADMIN, "admin-password-1")))
                .tenant().tenantId();
    }

    /** An enabled inbound IMAP touchpoint (plain IMAP on 127.0.0.1) importing the last day of mail. */
    UUID createImapTouchpoint(TenantId tenant, String address, int imapPort, String user, String password) {
        Map<String, String> settings = new HashMap<>(Map.of("preset", "custom", "imapHost", "127.0.0.1",
                "imapPort", Integer.toString(imapPort), "imapTls", "plain", "smtpHost", "127.0.0.1", "smtpPort", "587",
                "smtpTls", "plain", "username", user, "folder", "INBOX"));
        settings.put("initialImportDays", "1");
        settings.put("readTimeoutSeconds", "60");
        TouchpointService touchpoints = context.getBean(TouchpointService.class);
        UUID id = touchpoints.create(tenant, new TouchpointService.NewTouchpoint(address, "Bench " + address, "imap",
                Direction.BOTH, true, List.of(), settings)).touchpoint().id();
        touchpoints.setPassword(tenant, id, new TouchpointService.CredentialUpdate(password));
        return id;
    }

    long storedMessages(TenantId tenant, UUID touchpoint) {
        return context.getBean(TenantTransactions.class).read(tenant,
                () -> context.getBean(MailMessageRepository.class).countByTenantIdAndTouchpointId(tenant.value(), touchpoint));
    }

    /** Touchpoints of the tenant whose connection state is CONNECTED (set after a first complete drain). */
    long connectedTouchpoints(TenantId tenant) {
        return context.getBean(TouchpointService.class).list(tenant).stream()
                .filter(t -> t.touchpoint().connectionState() == ConnectionState.CONNECTED).count();
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            dropPostgres();
            deleteDataDir();
        }
    }

    /**
     * PostgreSQL only: {@code ANALYZE} of the whole database, as autovacuum would do on a server where
     * it is on. The local test server runs with {@code autovacuum = off}, so without this the planner
     * keeps the statistics of the empty tables it was migrated with. No-op on H2.
     */
    void analyze() {
        if (pgDatabase == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + pgDatabase + "?user=postgres");
             Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE failed", e);
        }
    }

    private static void createPostgresDatabase(String name) {
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL); Statement s = c.createStatement()) {
            ensureRole(s, "postline_owner", "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE");
            ensureRole(s, "postline_app", "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB");
            s.execute("CREATE DATABASE " + name + " OWNER postline_owner");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a PostgreSQL database at " + PG_ADMIN_URL, e);
        }
    }

    private static void ensureRole(Statement s, String role, String options) throws SQLException {
        try (var rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
            if (!rs.next()) {
                s.execute("CREATE ROLE " + role + " " + options);
            }
        }
    }

    private void dropPostgres() {
        if (pgDatabase == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop " + pgDatabase + ": " + e.getMessage());
        }
    }

    private void deleteDataDir() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dataDir + ": " + e.getMessage());
        }
    }

    // ---- measuring helpers ----

    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /**
     * CPU time (utime + stime, nanoseconds) of the local processes with one of the given names
     * ({@code /proc/<pid>/stat}), as deltas from construction: e.g. {@code postgres} backends or
     * Dovecot's {@code imap} processes. Zero where there is no /proc.
     */
    static final class ProcCpu {
        private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
        private final List<String> names;
        private final String cmdline;
        private final Map<Path, Long> start;

        ProcCpu(String name) {
            this(null, name);
        }

        /** Only processes whose command line contains {@code cmdline} (e.g. the backends of one database). */
        ProcCpu(String cmdline, String... names) {
            this.names = List.of(names);
            this.cmdline = cmdline;
            this.start = ticks();
        }

        double seconds() {
            long delta = 0;
            for (Map.Entry<Path, Long> now : ticks().entrySet()) {
                delta += now.getValue() - start.getOrDefault(now.getKey(), 0L);
            }
            return delta / (double) TICKS_PER_SECOND;
        }

        private Map<Path, Long> ticks() {
            Map<Path, Long> ticks = new HashMap<>();
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    try {
                        String stat = Files.readString(proc.resolve("stat"));
                        int close = stat.lastIndexOf(')');
                        if (names.contains(stat.substring(stat.indexOf('(') + 1, close)) && (cmdline == null
                                || Files.readString(proc.resolve("cmdline")).contains(cmdline))) {
                            String[] fields = stat.substring(close + 2).split(" ");
                            ticks.put(proc, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                        }
                    } catch (IOException | RuntimeException e) {
                        // ended meanwhile
                    }
                }
            } catch (IOException e) {
                // no /proc
            }
            return ticks;
        }
    }

    static void quietLogs() {
        if (System.getProperty("POSTLINE_LOG_LEVEL") == null && System.getenv("POSTLINE_LOG_LEVEL") == null) {
            System.setProperty("POSTLINE_LOG_LEVEL", "WARN");
        }
    }

    static int intArg(String[] args, String name, int def) {
        String value = arg(args, name, null);
        return value == null ? def : Integer.parseInt(value);
    }

    static String arg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
