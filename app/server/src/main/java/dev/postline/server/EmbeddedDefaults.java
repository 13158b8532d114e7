package dev.postline.server;

import dev.postline.core.vault.VaultKeysets;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Fills in what is not configured, so {@code ./postline run} works with no configuration at all:
 * with no {@code POSTLINE_DB_URL} it is the embedded default (H2 in the data folder, a demo tenant,
 * localhost only); in any mode a missing JWT secret or vault key is generated into the data
 * folder (files of mode 0600) and reused on the next start.
 *
 * <p>These are defaults, never overrides: the application adds them as a property source ranked
 * just above {@code application.yml} and below environment variables, system properties and the
 * command line ({@link #PRECEDENCE}), so a documented setting given any of those ways wins. Only
 * settings that {@code application.yml} binds through a placeholder of another name (the bind
 * address, {@code POSTLINE_HOST}) are looked up here before a default is put in their place.
 */
final class EmbeddedDefaults {

    /**
     * Rank of the defaults among Micronaut's property sources: above the configuration files (-300),
     * below environment variables (-200), system properties (-100) and the command line (0).
     */
    static final int PRECEDENCE = -250;

    record Resolved(Map<String, Object> properties, boolean embedded, Path dataDir) {

        /** The defaults as a property source every explicitly given setting overrides. */
        PropertySource asPropertySource() {
            return PropertySource.of("postline-embedded-defaults", properties, PRECEDENCE);
        }

        boolean demo() {
            return "true".equals(String.valueOf(properties.get("postline.demo.enabled")));
        }
    }

    private final Function<String, String> config;

    /** @param config looks a setting up by its environment-variable name (env, then system property). */
    EmbeddedDefaults(Function<String, String> config) {
        this.config = config;
    }

    static EmbeddedDefaults fromEnvironment() {
        return new EmbeddedDefaults(name -> {
            String env = System.getenv(name);
            return env != null ? env : System.getProperty(name.toLowerCase().replace('_', '.'));
        });
    }

    Resolved resolve() {
        Map<String, Object> props = new LinkedHashMap<>();
        Path dataDir = Path.of(orElse("POSTLINE_DATA_DIR", "data")).toAbsolutePath().normalize();
        boolean embedded = config.apply("POSTLINE_DB_URL") == null;
        createDirectory(dataDir);
        props.put("postline.data-dir", dataDir.toString());
        if (embedded) {
            // WRITE_DELAY=0: a commit is on disk when it returns. H2's default writes up to 500 ms later, so a
            // crash could lose a stored cursor or SENT record (and then mail is fetched or sent twice).
            // DB_CLOSE_ON_EXIT=FALSE: on SIGTERM H2's own shutdown hook would close the database while the
            // application's hook still stops the sync (a batch committing then fails); the pool closes it, last.
            props.put("postline.db.url", "jdbc:h2:file:" + dataDir.resolve("db").resolve("postline")
                    + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            props.put("postline.demo.enabled", orElse("POSTLINE_DEMO", "true"));
            props.put("postline.security.secure-cookie", "false");
            // The sandbox mailbox is on 127.0.0.1. A local, single-user install may reach its own
            // network; a deployment on PostgreSQL keeps the deny list unless configured otherwise.
            // (The sandbox's own ports are allowed by SandboxPortsAllowed, whatever extra ports are set.)
            props.put("postline.sync.allow-private-networks", "true");
            // Reconciliation is the truth, IDLE a hint: a short cycle bounds how long demo mail can wait.
            props.put("postline.sync.reconcile-interval", "10s");
            if (config.apply("POSTLINE_NOTIFICATIONS_SMTP_HOST") == null && !"false".equals(orElse("POSTLINE_DEMO", "true"))) {
                // Admin notifications go to the sandbox's SMTP server, so the demo shows them without a relay.
                props.put("postline.notifications.smtp.host", "127.0.0.1");
                props.put("postline.notifications.smtp.port", orElse("POSTLINE_DEMO_SMTP_PORT", "2525"));
                props.put("postline.notifications.smtp.from", "postline@demo.postline.test");
                props.put("postline.notifications.admin-base-url", "http://127.0.0.1:" + orElse("POSTLINE_PORT", "8080"));
            }
            if (config.apply("POSTLINE_HOST") == null) {
                // Demo passwords are public: keep the embedded default off the network.
                props.put("micronaut.server.host", "127.0.0.1");
            }
            if (config.apply("POSTLINE_OPERATOR_EMAIL") == null) {
                props.put("postline.operator.email", DemoLogins.OPERATOR_EMAIL);
                props.put("postline.operator.password", DemoLogins.OPERATOR_PASSWORD);
            }
        }
        if (config.apply("POSTLINE_SECURITY_JWT_SECRET") == null) {
            props.put("postline.security.jwt-secret", readOrCreateJwtSecret(dataDir.resolve("jwt-secret")));
        }
        if (config.apply("POSTLINE_VAULT_KEYSET") == null && config.apply("POSTLINE_VAULT_KEYSET_FILE") == null) {
            Path keyset = dataDir.resolve("vault-keyset.json");
            VaultKeysets.createIfMissing(keyset);
            props.put("postline.vault.keyset-file", keyset.toString());
        }
        return new Resolved(props, embedded, dataDir);
    }

    private String orElse(String name, String fallback) {
        String value = config.apply(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String readOrCreateJwtSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[48];
                new SecureRandom().nextBytes(bytes);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), StandardCharsets.US_ASCII);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret file " + file, e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dir + " (set POSTLINE_DATA_DIR)", e);
        }
    }
}
