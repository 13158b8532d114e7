package dev.postline.server;

import dev.postline.server.support.NotInThePostgresPass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.ChildJvm;
import io.micronaut.context.ApplicationContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * #13 item 21: a start that cannot go on says why in one line naming the setting, exits 1, and
 * prints no stack trace. Postline is started as a person would, in a child JVM.
 */
@NotInThePostgresPass
class StartupFailureTest {

    @Test
    void theHttpPortInUseIsOneLineNamingPostlinePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = env();
            env.put("POSTLINE_PORT", String.valueOf(taken.getLocalPort()));
            assertFailsWithOneLine(env, "port " + taken.getLocalPort(), "POSTLINE_PORT");
        }
    }

    @Test
    void theSandboxPortsInUseAreOneLineNamingTheirSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = env();
            env.put("POSTLINE_DEMO_SMTP_PORT", String.valueOf(taken.getLocalPort()));
            assertFailsWithOneLine(env, "SMTP port " + taken.getLocalPort(), "POSTLINE_DEMO_SMTP_PORT");
        }
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = env();
            env.put("POSTLINE_DEMO_IMAP_PORT", String.valueOf(taken.getLocalPort()));
            assertFailsWithOneLine(env, "IMAP port " + taken.getLocalPort(), "POSTLINE_DEMO_IMAP_PORT");
        }
    }

    @Test
    void aSecondInstanceOnTheSameDataFolderIsOneLineNamingPostlineDataDir() throws Exception {
        Path dataDir = Files.createTempDirectory("postline-second");
        Map<String, Object> first = new HashMap<>(new EmbeddedDefaults(name -> "POSTLINE_DATA_DIR".equals(name) ? dataDir.toString() : null)
                .resolve().properties());
        first.put("postline.demo.enabled", "false");
        first.put("postline.sync.enabled", "false");
        try (ApplicationContext running = ApplicationContext.run(first)) {
            Map<String, String> env = env();
            env.put("POSTLINE_DATA_DIR", dataDir.toString());
            assertFailsWithOneLine(env, "data folder", "POSTLINE_DATA_DIR");
        }
    }

    private static void assertFailsWithOneLine(Map<String, String> env, String cause, String setting) {
        ChildJvm.Result result = ChildJvm.run(Application.class, env, List.of(), Duration.ofMinutes(2));
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.stderr().strip()).as(result.all()).startsWith("postline: cannot start: ").doesNotContain("\n")
                .contains(cause).contains(setting);
        assertThat(result.all()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Caused by");
    }

    private static Map<String, String> env() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("POSTLINE_DATA_DIR", Files.createTempDirectory("postline-start").toString());
        env.put("POSTLINE_PORT", String.valueOf(freePort()));
        env.put("POSTLINE_DEMO_SMTP_PORT", String.valueOf(freePort()));
        env.put("POSTLINE_DEMO_IMAP_PORT", String.valueOf(freePort()));
        env.put("POSTLINE_SECURITY_PASSWORD_ITERATIONS", "1000");
        env.put("POSTLINE_SYNC_ENABLED", "false");
        return env;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
