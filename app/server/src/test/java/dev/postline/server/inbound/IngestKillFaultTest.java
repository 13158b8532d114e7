package dev.postline.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.KillableChild;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.NotInThePostgresPass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #14: the batched, pipelined import killed for real. A Postline process ({@link IngestChild}, another
 * JVM) imports a mailbox of 600 messages in batches of 40 — each batch one transaction with its cursor, the
 * next batch fetched and parsed while one commits — and is killed with SIGKILL ({@code destroyForcibly}) in
 * the middle of the import, three times, each time started again on the same H2 file database. The last run
 * imports the rest. Then the database holds every message exactly once: 600 rows, 600 distinct provider
 * ids, 600 distinct Message-IDs.
 */
@NotInThePostgresPass
class IngestKillFaultTest {

    private static final String SUPPORT = "support@killed.example.com";
    private static final int MESSAGES = 600;
    private static final int[] KILL_AT = {70, 230, 400};

    Path dir;
    MailboxServer mail;
    GreenMailUser mailbox;
    KillableChild child;
    String dbUrl;

    @BeforeEach
    void mailbox() throws Exception {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "ingest-kill")), "run-").toAbsolutePath();
        mail = new MailboxServer();
        mailbox = mail.mailbox(SUPPORT, "mailbox-password");
        java.util.Random sizes = new java.util.Random(14);
        for (int i = 0; i < MESSAGES; i++) {
            // 1–40 KB bodies: a batch takes long enough that a kill lands in one
            mail.append(mailbox, "INBOX", MailboxServer.customerMail("c" + i + "@customer.example", SUPPORT,
                    "m-" + i + "@customer.example", "Question " + i, "x".repeat(1_000 + sizes.nextInt(39_000)), List.of()));
        }
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void killedThreeTimesMidImportEveryMessageIsStoredOnce() throws Exception {
        writeProperties();
        Process seed = start("seed", "seed");
        assertThat(seed.waitFor(240, TimeUnit.SECONDS)).as("seeding finished").isTrue();
        assertThat(seed.exitValue()).as("seeding exit code (see " + child.log("seed") + ")").isZero();

        for (int run = 0; run < KILL_AT.length; run++) {
            int threshold = KILL_AT[run];
            Path log = child.log("sync-" + run);
            Process importer = start("sync", "sync-" + run);
            try {
                Eventually.await("at least " + threshold + " stored", Duration.ofSeconds(180),
                        () -> lastStored(log) >= threshold || !importer.isAlive());
                assertThat(importer.isAlive()).as("the importer is still running when killed (see " + log + ")").isTrue();
            } finally {
                importer.destroyForcibly();
                importer.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(lastStored(log)).as("killed mid-import").isLessThan(MESSAGES);
        }

        Process last = start("drain", "drain");
        try {
            assertThat(last.waitFor(300, TimeUnit.SECONDS)).as("the last run imported the rest (see " + dir + ")").isTrue();
            assertThat(last.exitValue()).as("exactly every message stored (see " + child.log("drain") + ")").isZero();
        } finally {
            last.destroyForcibly();
        }

        try (Connection c = DriverManager.getConnection(dbUrl, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*), COUNT(DISTINCT provider_id), COUNT(DISTINCT message_id_header) FROM mail_message")) {
            rs.next();
            assertThat(rs.getLong(1)).as("stored messages").isEqualTo(MESSAGES);
            assertThat(rs.getLong(2)).as("distinct provider ids").isEqualTo(MESSAGES);
            assertThat(rs.getLong(3)).as("distinct Message-IDs").isEqualTo(MESSAGES);
        }
    }

    /** The last {@code stored N} the child printed; -1 before the first. */
    private static long lastStored(Path log) {
        try {
            if (!Files.exists(log)) {
                return -1;
            }
            return Files.readAllLines(log).stream().filter(l -> l.startsWith("stored "))
                    .mapToLong(l -> Long.parseLong(l.substring(7).trim())).max().orElse(-1);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private void writeProperties() throws Exception {
        child = new KillableChild(dir);
        dbUrl = child.dbUrl();
        child.writeProperties(Map.of(
                "postline.sync.enabled", "true",
                "postline.sync.rescan-interval", "200ms",
                "postline.sync.batch-size", "40",
                "postline.outbox.enabled", "false",
                "test.support", SUPPORT,
                "test.imap-port", Integer.toString(mail.imapPort()),
                "test.smtp-port", Integer.toString(mail.smtpPort()),
                "test.expected", Integer.toString(MESSAGES)), mail.imapPort(), mail.smtpPort());
    }

    private Process start(String mode, String log) throws Exception {
        return child.start(IngestChild.class, mode, log);
    }
}
