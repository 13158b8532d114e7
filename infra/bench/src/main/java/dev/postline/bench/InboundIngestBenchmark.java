package dev.postline.bench;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.InitialSync;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.tenant.TenantId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest throughput of the whole inbound spine: N messages ({@link MessageMix}) already in one
 * mailbox, one IMAP touchpoint with {@code initialImportDays=1} imports them through the real sync
 * supervisor, IMAP connector and ingestion pipeline (limits, parse, dedupe, thread, blob store,
 * message + cursor in one transaction, routing, events) into H2 or PostgreSQL. Timed from starting the
 * supervisor to the N-th MESSAGE_ADDED event (events are published after commit); the stored count
 * is then checked in the database. Not a test: it never fails on a timing.
 *
 * <pre>
 * --db h2|pg (h2)  --messages N (10000)  --batch B (100, the postline.sync.batch-size default)  --seed S (1)
 * --analyze-at A (500; PostgreSQL: ANALYZE once A messages are stored, standing in for autovacuum, which
 *                 is off on the local server; 0 = never)
 * --server HOST:PORT  --user U (bench)  --password P (bench-password)  --maildir DIR   (a Dovecot, see README)
 * </pre>
 * Without {@code --server}, an in-process GreenMail holds the messages (its FETCH is O(mailbox²):
 * use a few thousand messages at most).
 */
public final class InboundIngestBenchmark {

    public static void main(String[] args) throws Exception {
        PostlineBench.quietLogs();
        String db = PostlineBench.arg(args, "--db", "h2");
        int messages = PostlineBench.intArg(args, "--messages", 10_000);
        int batch = PostlineBench.intArg(args, "--batch", 100);
        int analyzeAt = PostlineBench.intArg(args, "--analyze-at", 500);
        long seed = PostlineBench.intArg(args, "--seed", 1);
        String server = PostlineBench.arg(args, "--server", null);

        GreenMail greenMail = null;
        String host = "127.0.0.1";
        int port;
        String user = PostlineBench.arg(args, "--user", "bench");
        String password = PostlineBench.arg(args, "--password", "bench-password");
        long bytes;
        String serverName;
        try {
            if (server == null) {
                user = "support@acme.example";
                greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP))
                        .withConfiguration(GreenMailConfiguration.aConfig().withUser(user, user, password));
                greenMail.start();
                port = greenMail.getImap().getPort();
                bytes = loadGreenMail(greenMail, user, messages, seed);
                serverName = "GreenMail (in-process)";
            } else {
                int colon = server.lastIndexOf(':');
                host = server.substring(0, colon);
                port = Integer.parseInt(server.substring(colon + 1));
                String maildir = PostlineBench.arg(args, "--maildir", null);
                if (maildir == null) {
                    throw new IllegalArgumentException("--server needs --maildir (the benchmark writes the N messages)");
                }
                bytes = ImapPullBenchmark.loadMaildir(Path.of(maildir), messages, seed);
                // The server's first SELECT indexes the new files (0.1–0.2 s on Dovecot): done here,
                // outside the timing, as ImapPullBenchmark does.
                long t = System.nanoTime();
                try (ConnectorSession session = ImapPullBenchmark.open(host, port, user, password, "INBOX")) {
                    session.initialCursor(InitialSync.everything());
                }
                System.out.printf("server indexed the folder in %.2f s (not timed below)%n", (System.nanoTime() - t) / 1e9);
                serverName = "server " + server;
            }
            System.out.printf("mailbox: %,d messages, %.1f MB (avg %.1f KB) on %s%n", messages, bytes / 1e6,
                    bytes / 1e3 / messages, serverName);
            run(db, host, port, user, password, messages, bytes, batch, analyzeAt);
        } finally {
            if (greenMail != null) {
                greenMail.stop();
            }
        }
    }

    private static void run(String db, String host, int port, String user, String password, int messages, long bytes,
                            int batch, int analyzeAt) throws Exception {
        try (PostlineBench bench = new PostlineBench(db, List.of(port), batch, Map.of())) {
            TenantId tenant = bench.createTenant("ingest");
            UUID touchpoint = bench.createImapTouchpoint(tenant, "support@acme.example", port, user, password);
            CountDownLatch all = new CountDownLatch(messages);
            AtomicLong firstEvent = new AtomicLong();
            EventBus events = bench.context().getBean(EventBus.class);
            try (AutoCloseable subscription = events.subscribe(e -> {
                if (e.type() == ConversationEvent.Type.MESSAGE_ADDED) {
                    firstEvent.compareAndSet(0, System.nanoTime());
                    all.countDown();
                }
            })) {
                // Only the backends of this database: other builds on the machine use the same server.
                PostlineBench.ProcCpu pgCpu = new PostlineBench.ProcCpu(
                        bench.pgDatabase() == null ? "-none-" : bench.pgDatabase(), "postgres");
                PostlineBench.ProcCpu imapCpu = new PostlineBench.ProcCpu("imap");
                long cpu0 = PostlineBench.processCpuNanos();
                long start = System.nanoTime();
                bench.startSync();
                long timeout = TimeUnit.SECONDS.toNanos(120 + messages / 20);
                long lastPrint = start;
                boolean analyzed = analyzeAt <= 0 || bench.pgDatabase() == null;
                while (!all.await(50, TimeUnit.MILLISECONDS)) {
                    long now = System.nanoTime();
                    if (!analyzed && messages - all.getCount() >= analyzeAt) {
                        analyzed = true;
                        long t = System.nanoTime();
                        bench.analyze(); // concurrently with the ingest, as autovacuum would
                        System.out.printf("  ANALYZE at %,d stored (%.0f ms, concurrent with the ingest)%n",
                                messages - all.getCount(), (System.nanoTime() - t) / 1e6);
                    }
                    if (now - start > timeout) {
                        throw new IllegalStateException("only " + (messages - all.getCount()) + " of " + messages
                                + " stored after " + (now - start) / 1_000_000_000 + " s");
                    }
                    if (now - lastPrint > 5_000_000_000L) {
                        lastPrint = now;
                        System.out.printf("  %,d stored after %.0f s%n", messages - all.getCount(), (now - start) / 1e9);
                    }
                }
                long nanos = System.nanoTime() - start;
                double jvmCpu = (PostlineBench.processCpuNanos() - cpu0) / 1e9;
                double pg = pgCpu.seconds();
                double imap = imapCpu.seconds();
                long stored = bench.storedMessages(tenant, touchpoint);
                double s = nanos / 1e9;
                System.out.printf("%s, batch %d, ANALYZE at %s: ingested %,d messages (%,d stored in the database) in %.2f s "
                        + "(first stored after %.2f s)%n", db.toUpperCase(), batch,
                        bench.pgDatabase() == null ? "-" : analyzeAt <= 0 ? "never" : Integer.toString(analyzeAt), messages, stored, s,
                        (firstEvent.get() - start) / 1e9);
                System.out.printf("RESULT %s: %,.0f messages/s, %.1f MB/s%n", db.toUpperCase(), messages / s, bytes / 1e6 / s);
                System.out.printf("CPU: this JVM %.1f s (%.0f%% of one core), postgres backends of this database %.1f s, "
                        + "imap processes %.1f s; per message: JVM %.2f ms%n", jvmCpu, 100 * jvmCpu / s, pg, imap,
                        jvmCpu * 1000 / messages);
                if (stored != messages) {
                    throw new IllegalStateException("stored " + stored + " of " + messages);
                }
            }
        }
    }

    private static long loadGreenMail(GreenMail greenMail, String user, int messages, long seed) throws Exception {
        return GreenMailLoad.fill(greenMail, user, messages, seed);
    }
}
