package dev.postline.server;

import dev.postline.server.support.NotInThePostgresPass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.ChildJvm;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * #13 item 13: in the embedded default, every documented setting given as an environment variable
 * (or on the command line) wins over the embedded default's own value. Each case starts Postline's
 * context in a child JVM with real environment variables, as {@code ./postline run} would.
 */
@NotInThePostgresPass
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedSettingsPrecedenceTest {

    private int sandboxSmtp;
    private int sandboxImap;
    private Map<String, String> unconfigured;
    private Map<String, String> fromEnvironment;
    private Map<String, String> fromCommandLine;

    @BeforeAll
    void startPostlineThreeWays() throws Exception {
        sandboxSmtp = freePort();
        sandboxImap = freePort();
        unconfigured = probe(Map.of(), List.of());
        fromEnvironment = probe(documentedVariables(), List.of());
        fromCommandLine = probe(Map.of("POSTLINE_SYNC_RECONCILE_INTERVAL", "17s"),
                List.of("--postline.sync.reconcile-interval=23s", "--postline.sync.extra-ports=2994"));
    }

    /** A documented variable, the value it is given, and the setting as the running application sees it. */
    static Stream<Arguments> documentedVariables_() {
        return Stream.of(
                Arguments.of("POSTLINE_SYNC_EXTRA_PORTS", "2993", "sync.extra-ports", "2993"),
                Arguments.of("POSTLINE_SYNC_ALLOW_PRIVATE_NETWORKS", "false", "sync.allow-private-networks", "false"),
                Arguments.of("POSTLINE_SYNC_RECONCILE_INTERVAL", "17s", "sync.reconcile-interval", "PT17S"),
                Arguments.of("POSTLINE_NOTIFICATIONS_SMTP_PORT", "2600", "notifications.smtp.port", "2600"),
                Arguments.of("POSTLINE_NOTIFICATIONS_SMTP_FROM", "alerts@example.com", "notifications.smtp.from", "alerts@example.com"),
                Arguments.of("POSTLINE_NOTIFICATIONS_ADMIN_BASE_URL", "https://postline.example.com", "notifications.admin-base-url",
                        "https://postline.example.com"),
                Arguments.of("POSTLINE_HOST", "127.0.0.2", "server.host", "127.0.0.2"),
                Arguments.of("POSTLINE_SECURITY_SECURE_COOKIE", "true", "security.secure-cookie", "true"),
                Arguments.of("POSTLINE_OPERATOR_EMAIL", "boss@example.com", "operator.email", "boss@example.com"));
    }

    private Map<String, String> documentedVariables() {
        Map<String, String> env = new LinkedHashMap<>();
        documentedVariables_().forEach(a -> env.put((String) a.get()[0], (String) a.get()[1]));
        env.put("POSTLINE_OPERATOR_PASSWORD", "a-long-operator-password");
        return env;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedVariables_")
    void aDocumentedVariableWinsOverTheEmbeddedDefault(String variable, String value, String setting, String expected) {
        assertThat(holds(fromEnvironment.get(setting), expected)).as(variable + "=" + value + " gives " + fromEnvironment.get(setting)).isTrue();
        assertThat(holds(unconfigured.get(setting), expected)).as("without " + variable + " the embedded default differs").isFalse();
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() {
        assertThat(fromCommandLine.get("sync.reconcile-interval")).isEqualTo("PT23S");
        assertThat(holds(fromCommandLine.get("sync.extra-ports"), "2994")).isTrue();
    }

    @Test
    void theSandboxPortsAreSettingsAndStayAllowedBesideConfiguredExtraPorts() {
        assertThat(fromEnvironment.get("sandbox.ports")).isEqualTo(sandboxSmtp + "," + sandboxImap);
        assertThat(holds(fromEnvironment.get("sync.extra-ports"), "2993")).isTrue();
        assertThat(holds(fromEnvironment.get("sync.extra-ports"), String.valueOf(sandboxImap))).isTrue();
        assertThat(holds(unconfigured.get("sync.extra-ports"), String.valueOf(sandboxImap))).isTrue();
    }

    @Test
    void unconfiguredTheEmbeddedDefaultStillAppliesItsOwnValues() {
        assertThat(unconfigured).containsEntry("sync.allow-private-networks", "true").containsEntry("sync.reconcile-interval", "PT10S")
                .containsEntry("notifications.smtp.host", "127.0.0.1").containsEntry("notifications.smtp.port", String.valueOf(sandboxSmtp))
                .containsEntry("server.host", "127.0.0.1").containsEntry("security.secure-cookie", "false").containsEntry("demo", "true");
    }

    /** A printed list ({@code [a, b]}) holds the value as an element; anything else is equal to it. */
    private static boolean holds(String printed, String expected) {
        if (printed != null && printed.startsWith("[")) {
            return List.of(printed.substring(1, printed.length() - 1).split(",\\s*")).contains(expected);
        }
        return expected.equals(printed);
    }

    private Map<String, String> probe(Map<String, String> settings, List<String> args) throws Exception {
        Map<String, String> env = new HashMap<>(settings);
        env.put("POSTLINE_DATA_DIR", Files.createTempDirectory("postline-precedence").toString());
        env.put("POSTLINE_DEMO_SMTP_PORT", String.valueOf(sandboxSmtp));
        env.put("POSTLINE_DEMO_IMAP_PORT", String.valueOf(sandboxImap));
        env.put("POSTLINE_SECURITY_PASSWORD_ITERATIONS", "1000");
        env.put("POSTLINE_SYNC_ENABLED", "false");
        ChildJvm.Result result = ChildJvm.run(SettingsProbe.class, env, args, Duration.ofMinutes(2));
        assertThat(result.exitCode()).as(result.all()).isZero();
        Map<String, String> seen = new HashMap<>();
        result.stdout().lines().filter(line -> line.matches("[a-z.-]+=.*")).forEach(line -> {
            int eq = line.indexOf('=');
            seen.put(line.substring(0, eq), line.substring(eq + 1));
        });
        return seen;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
