package dev.postline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.ChildJvm;
import dev.postline.server.support.NotInThePostgresPass;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way an operator stops the server: SIGTERM to the process (systemd, Ctrl-C, a container stop), while the
 * sync imports a burst of mail in batches. The process exits on its own and logs no ERROR — the database must
 * not close under a batch that is still committing (H2's own exit hook used to close it first).
 */
@NotInThePostgresPass
class GracefulStopTest {

    @TempDir Path dataDir;

    @Test
    void sigtermDuringAnImportStopsCleanly() throws Exception {
        int http = freePort();
        int smtp = freePort();
        int imap = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("POSTLINE_DATA_DIR", dataDir.toString());
        env.put("POSTLINE_PORT", Integer.toString(http));
        env.put("POSTLINE_DEMO_SMTP_PORT", Integer.toString(smtp));
        env.put("POSTLINE_DEMO_IMAP_PORT", Integer.toString(imap));
        Process server = ChildJvm.start(Application.class, env, List.of());
        try {
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!healthy(client, http)) {
                assertThat(server.isAlive()).as("the server is running: " + ChildJvm.output(server)).isTrue();
                assertThat(System.nanoTime()).as("the server is up within 120 s").isLessThan(deadline);
                Thread.sleep(200);
            }
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", Integer.toString(smtp));
            Session session = Session.getInstance(props);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                for (int i = 0; i < 300; i++) {
                    MimeMessage message = new MimeMessage(session);
                    message.setFrom(new InternetAddress("customer" + i + "@customer.example"));
                    message.setRecipient(Message.RecipientType.TO, new InternetAddress("support@demo.postline.test"));
                    message.setSubject("Order " + i);
                    message.setText("Where is my order " + i + "? " + "x".repeat(4_000));
                    transport.sendMessage(message, message.getAllRecipients());
                }
            }
        } finally {
            server.destroy(); // SIGTERM
        }
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
        String output = ChildJvm.output(server);
        List<String> errors = output.lines().filter(l -> l.contains(" ERROR ")).filter(l -> !l.contains("com.icegreen")).toList();
        assertThat(errors).as("ERROR lines while stopping:\n" + output).isEmpty();
    }

    private static boolean healthy(HttpClient client, int port) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
