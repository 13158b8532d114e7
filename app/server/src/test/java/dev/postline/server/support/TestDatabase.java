package dev.postline.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty database for one application context. H2 in memory by default; PostgreSQL when
 * the system property {@code postline.test.db=pg} is set (the build's second test run, enabled by
 * {@code POSTLINE_TEST_PG}). On PostgreSQL the schema is owned by {@code postline_owner} and the
 * service connects as {@code postline_app}, exactly the production arrangement.
 */
public final class TestDatabase {

    public static final String OWNER_ROLE = "postline_owner";
    public static final String APP_ROLE = "postline_app";

    private TestDatabase() {}

    public static boolean onPostgres() {
        return "pg".equals(System.getProperty("postline.test.db"));
    }

    /** The superuser JDBC URL of the PostgreSQL server the tests use. */
    public static String adminUrl() {
        String url = System.getProperty("postline.test.pg");
        if (url == null || url.isBlank() || url.startsWith("${")) {
            url = System.getenv("POSTLINE_TEST_PG");
        }
        if (url == null || url.isBlank()) {
            url = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        }
        return url;
    }

    public static Map<String, Object> newDatabase() {
        Map<String, Object> props = new HashMap<>();
        String name = "postline_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (!onPostgres()) {
            props.put("postline.db.url", "jdbc:h2:mem:" + name
                    + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            return props;
        }
        createPostgresDatabase(name);
        String base = adminUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/");
        props.put("postline.db.url", base + name);
        props.put("postline.db.user", APP_ROLE);
        props.put("postline.db.password", "");
        props.put("postline.db.owner-user", OWNER_ROLE);
        props.put("postline.db.owner-password", "");
        props.put("postline.db.app-role", APP_ROLE);
        return props;
    }

    /** A superuser connection to a test database (for meta-tests that inspect the catalog). */
    public static Connection superuserConnection(String databaseUrl) throws SQLException {
        String query = adminUrl().contains("?") ? adminUrl().substring(adminUrl().indexOf('?')) : "?user=postgres";
        return DriverManager.getConnection(databaseUrl + query);
    }

    private static void createPostgresDatabase(String name) {
        try (Connection c = DriverManager.getConnection(adminUrl()); Statement s = c.createStatement()) {
            ensureRole(s, OWNER_ROLE, "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE");
            ensureRole(s, APP_ROLE, "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB");
            s.execute("CREATE DATABASE " + name + " OWNER " + OWNER_ROLE);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the PostgreSQL test database at " + adminUrl()
                    + " (is PostgreSQL running on 127.0.0.1:5432? .ci/run starts it)", e);
        }
    }

    private static void ensureRole(Statement s, String role, String options) throws SQLException {
        try (var rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
            if (!rs.next()) {
                try {
                    s.execute("CREATE ROLE " + role + " " + options);
                } catch (SQLException raced) {
                    // Another test JVM created it meanwhile; fine.
                }
            }
        }
    }

    private static void drop(String name) {
        try (Connection c = DriverManager.getConnection(adminUrl()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // Best effort: a leftover test database is harmless and named postline_t_*.
        }
    }
}
