package dev.postline.server.outbound;

import dev.postline.server.support.NotInThePostgresPass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Eventually;
import dev.postline.server.support.KillableChild;
import dev.postline.server.support.MailboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
@NotInThePostgresPass
class OutboxKillFaultTest {

    private static final String SUPPORT = "support@kill.example.com";
    private static final int BURST = 200;
    private static final int[] KILL_AT = {30, 90, 150};

    Path dir;
    MailboxServer mail;
    com.icegreen.greenmail.user.GreenMailUser supportMailbox;
    List<com.icegreen.greenmail.user.GreenMailUser> customers;
    KillableChild child;
    String dbUrl;

    @BeforeEach
    void mailServer() throws Exception {
        // Under target/, not a @TempDir: the children's logs stay for a look after a failure.
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "outbox-kill")), "run-").toAbsolutePath();
        mail = new MailboxServer();
        supportMailbox = mail.mailbox(SUPPORT, "mailbox-password");
        customers = java.util.stream.IntStream.range(0, BURST)
                .mapToObj(i -> mail.mailbox("customer" + i + "@customer.example", "customer-password")).toList();
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

        Process last = start("drain", "drain");
        try {
            assertThat(last.waitFor(300, TimeUnit.SECONDS)).as("the last run settled every reply (see " + dir + ")").isTrue();
            assertThat(last.exitValue()).as("none left queued or sending (see " + dir.resolve("drain.log") + ")").isZero();
        } finally {
            last.destroyForcibly();
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
                    .map(OutboxKillFaultTest::messageIdOf)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(copies).as("Sent-folder copies, none twice").allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
        }
        System.out.printf("appendToSent=%s: %d delivered, %d held as delivery unknown (%d of them delivered)%n", appendToSent,
                deliveries.size(), held.size(), held.stream().filter(deliveries::containsKey).count());
    }

    /** Message-IDs (without brackets) of every copy in the customers' inboxes (not the Sent copies, which name them too). */
    private List<String> delivered() {
        return customers.stream().flatMap(c -> mail.folder(c, "INBOX").stream()).map(OutboxKillFaultTest::messageIdOf).toList();
    }

    private static String messageIdOf(String raw) {
        return raw.lines().filter(l -> l.regionMatches(true, 0, "Message-ID:", 0, 11)).findFirst().orElse("Message-ID:")
                .substring(11).trim().replaceAll("^<|>$", "");
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
        child = new KillableChild(dir);
        dbUrl = child.dbUrl();
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("postline.sync.enabled", "false");
        settings.put("postline.outbox.poll-interval", "50ms");
        settings.put("postline.outbox.lease", "4s");
        // A busy machine may make GreenMail slow to answer: retry soon rather than after minutes of backoff.
        settings.put("postline.outbox.first-retry", "200ms");
        settings.put("postline.outbox.max-retry", "1s");
        settings.put("postline.outbox.max-attempts", "1000");
        settings.put("test.support", SUPPORT);
        settings.put("test.imap-port", Integer.toString(mail.imapPort()));
        settings.put("test.smtp-port", Integer.toString(mail.smtpPort()));
        settings.put("test.append-to-sent", Boolean.toString(appendToSent));
        settings.put("test.burst", Integer.toString(BURST));
        child.writeProperties(settings, mail.imapPort(), mail.smtpPort());
    }

    private Process start(String mode, String log) throws Exception {
        return child.start(OutboxChild.class, mode, log);
    }
}
