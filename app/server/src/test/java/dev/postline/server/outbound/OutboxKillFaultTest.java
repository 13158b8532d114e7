package dev.postline.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.vault.VaultKeysets;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.MailboxServer;
import jakarta.mail.internet.MimeMessage;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * #13 item 24, for real: a Postline process (another JVM, {@link OutboxChild}) sends a burst of 200
 * replies through GreenMail and is killed with SIGKILL ({@code destroyForcibly}) mid-burst, three
 * times, each time started again on the same H2 file database. Then every reply is counted at the
 * SMTP server by Message-ID and compared with the database: none delivered twice, every SENT one
 * delivered exactly once, every other one held as DELIVERY_UNKNOWN (and delivered at most once) —
 * none lost, none left queued. With the Sent-folder copy on and off.
 */
class OutboxKillFaultTest {

    private static final String SUPPORT = "support@kill.example.com";
    private static final int BURST = 200;
    private static final int[] KILL_AT = {30, 90, 150};

    @TempDir Path dir;
    MailboxServer mail;
    com.icegreen.greenmail.user.GreenMailUser supportMailbox;
    Path propsFile;
    String dbUrl;

    @BeforeEach
    void mailServer() {
        mail = new MailboxServer();
        supportMailbox = mail.mailbox(SUPPORT, "mailbox-password");
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @ParameterizedTest(name = "appendToSent={0}")
    @ValueSource(booleans = {true, false})
    void killedThreeTimesMidBurstNoReplyIsSentTwiceAndNoneIsLost(boolean appendToSent) throws Exception {
        writeProperties(appendToSent);
        Process seed = start("seed", "seed");
        assertThat(seed.waitFor(240, TimeUnit.SECONDS)).as("seeding finished").isTrue();
        assertThat(seed.exitValue()).as("seeding exit code (see " + dir.resolve("seed.log") + ")").isZero();

        for (int run = 0; run < KILL_AT.length; run++) {
            int threshold = KILL_AT[run];
            Process sender = start("send", "send-" + run);
            try {
                Eventually.await("at least " + threshold + " replies delivered", java.time.Duration.ofSeconds(120),
                        () -> delivered().size() >= threshold || !sender.isAlive());
                assertThat(sender.isAlive()).as("the sender is still running when killed").isTrue();
            } finally {
                sender.destroyForcibly();
                sender.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(delivered().size()).as("killed mid-burst").isLessThan(BURST);
        }

        Process last = start("send", "send-last");
        try {
            Eventually.await("every reply settled (none queued or sending)", java.time.Duration.ofSeconds(180),
                    () -> unsettled() == 0);
        } finally {
            last.destroyForcibly();
            last.waitFor(30, TimeUnit.SECONDS);
        }

        Map<String, Long> deliveries = delivered().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, String> statusById = statuses();
        assertThat(statusById).as("replies in the database").hasSize(BURST);
        assertThat(deliveries).as("sent twice").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        assertThat(statusById.keySet()).as("every delivered reply is one of ours").containsAll(deliveries.keySet());
        List<String> held = statusById.entrySet().stream().filter(e -> e.getValue().equals("DELIVERY_UNKNOWN")).map(Map.Entry::getKey).toList();
        statusById.forEach((id, status) -> {
            assertThat(status).as(id).isIn("SENT", "DELIVERY_UNKNOWN");
            if (status.equals("SENT")) {
                assertThat(deliveries.getOrDefault(id, 0L)).as("SENT and delivered once: " + id).isEqualTo(1L);
            }
        });
        long lostOrHeld = statusById.keySet().stream().filter(id -> !deliveries.containsKey(id)).count();
        assertThat(lostOrHeld).as("not delivered: all of them held for an agent").isLessThanOrEqualTo(held.size());
        if (appendToSent) {
            Map<String, Long> copies = mail.folder(supportMailbox, "Sent").stream()
                    .map(raw -> raw.lines().filter(l -> l.regionMatches(true, 0, "Message-ID:", 0, 11)).findFirst().orElse("").substring(11).trim())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(copies).as("Sent-folder copies, none twice").allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
        }
        System.out.printf("appendToSent=%s: %d delivered, %d held as delivery unknown (%d of them delivered)%n", appendToSent,
                deliveries.size(), held.size(), held.stream().filter(deliveries::containsKey).count());
    }

    /** Message-IDs (without brackets) of every copy delivered to the customers. */
    private List<String> delivered() {
        return mail.messagesFor("customer.example").stream().map(OutboxKillFaultTest::messageId).toList();
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID().replaceAll("^<|>$", "");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private int unsettled() {
        try (Connection c = DriverManager.getConnection(dbUrl, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM outbox WHERE status IN ('QUEUED', 'SENDING')")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            return -1; // the child is still starting (migrations): ask again
        }
    }

    private Map<String, String> statuses() throws Exception {
        Map<String, String> result = new HashMap<>();
        try (Connection c = DriverManager.getConnection(dbUrl, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT m.message_id_header, o.status FROM outbox o JOIN mail_message m ON m.id = o.message_id")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getString(2));
            }
        }
        return result;
    }

    private void writeProperties(boolean appendToSent) throws Exception {
        // AUTO_SERVER: the test reads the database the child holds open.
        dbUrl = "jdbc:h2:file:" + dir.resolve("db").resolve("postline")
                + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Properties p = new Properties();
        p.setProperty("postline.db.url", dbUrl);
        p.setProperty("postline.data-dir", dir.resolve("data").toString());
        p.setProperty("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        p.setProperty("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        p.setProperty("postline.security.password-iterations", "1000");
        p.setProperty("postline.sync.enabled", "false");
        p.setProperty("postline.sync.allow-private-networks", "true");
        p.setProperty("postline.sync.extra-ports", mail.imapPort() + "," + mail.smtpPort());
        p.setProperty("postline.outbox.poll-interval", "50ms");
        p.setProperty("postline.outbox.lease", "4s");
        p.setProperty("test.support", SUPPORT);
        p.setProperty("test.imap-port", Integer.toString(mail.imapPort()));
        p.setProperty("test.smtp-port", Integer.toString(mail.smtpPort()));
        p.setProperty("test.append-to-sent", Boolean.toString(appendToSent));
        p.setProperty("test.burst", Integer.toString(BURST));
        propsFile = dir.resolve("child.properties");
        try (Writer out = Files.newBufferedWriter(propsFile)) {
            p.store(out, null);
        }
    }

    /** A new JVM on this test's class path, its output in {@code <log>.log} next to the database. */
    private Process start(String mode, String log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), OutboxChild.class.getName(), mode,
                propsFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log + ".log").toFile())
                .start();
    }
}
