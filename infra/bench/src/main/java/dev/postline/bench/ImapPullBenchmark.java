package dev.postline.bench;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.imap.ImapConnectorFactory;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * Pull rate of the IMAP connector against an in-process GreenMail: loads N messages straight into
 * the store, then runs the core's fetch loop from an initial cursor to the end and prints the rate.
 * Not a test: it never fails on a timing.
 *
 * <pre>--messages N (10000)  --batch B (200)  --seed S (1)</pre>
 */
public final class ImapPullBenchmark {

    private static final String USER = "support@acme.example";
    private static final String PASSWORD = "bench-password";

    public static void main(String[] args) throws Exception {
        int messages = intArg(args, "--messages", 10_000);
        int batch = intArg(args, "--batch", 200);
        long seed = intArg(args, "--seed", 1);

        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, USER, PASSWORD));
        greenMail.start();
        try {
            long loadedBytes = load(greenMail, messages, seed);
            System.out.printf("loaded %,d messages, %.1f MB (avg %.1f KB)%n", messages, loadedBytes / 1e6,
                    loadedBytes / 1e3 / messages);
            try (ConnectorSession session = open(greenMail.getImap().getPort())) {
                warmUp(session, batch); // JIT, connection
                pull(session, batch, messages).print(batch);
            }
        } finally {
            greenMail.stop();
        }
    }

    private record Result(int messages, long bytes, long nanos, long clientCpuNanos, int batches, long peakHeapDelta,
                          long heapBaseline) {
        void print(int batch) {
            double seconds = nanos / 1e9;
            double cpuSeconds = clientCpuNanos / 1e9;
            System.out.printf("pulled %,d messages, %.1f MB in %.2f s with batch size %d (%d batches)%n",
                    messages, bytes / 1e6, seconds, batch, batches);
            System.out.printf("end-to-end rate (GreenMail included): %,.0f messages/s, %.1f MB/s%n",
                    messages / seconds, bytes / 1e6 / seconds);
            // The connector does its work on the calling thread (Angus reads responses there), so this
            // thread's CPU time is the connector's cost without the in-process server's.
            System.out.printf("connector alone (CPU of the fetching thread, %.2f s): %,.0f messages/s, %.1f MB/s%n",
                    cpuSeconds, messages / cpuSeconds, bytes / 1e6 / cpuSeconds);
            System.out.printf("heap: baseline after load %.0f MB; peak live during pull %.1f MB above baseline%n",
                    heapBaseline / 1e6, peakHeapDelta / 1e6);
        }
    }

    private static Result pull(ConnectorSession session, int batchSize, int expected) throws ConnectorException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        long peak = 0;
        int count = 0;
        int batches = 0;
        long bytes = 0;
        long start = System.nanoTime();
        long measuring = 0;
        long measuringCpu = 0;
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        SyncCursor cursor = session.initialCursor(InitialSync.everything());
        FetchBatch batch;
        do {
            batch = session.fetch(cursor, batchSize);
            for (FetchedMessage m : batch.messages()) {
                bytes += m.raw().length;
            }
            count += batch.messages().size();
            cursor = batch.next();
            if (batches++ % 10 == 0) {
                // Live heap while one batch is held; the GC is kept out of the timing.
                long t = System.nanoTime();
                long c = threads.getCurrentThreadCpuTime();
                System.gc();
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed() - baseline);
                measuring += System.nanoTime() - t;
                measuringCpu += threads.getCurrentThreadCpuTime() - c;
            }
        } while (batch.more());
        long nanos = System.nanoTime() - start - measuring;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart - measuringCpu;
        if (count != expected) {
            throw new IllegalStateException("pulled " + count + " of " + expected + " messages");
        }
        return new Result(count, bytes, nanos, cpu, batches, peak, baseline);
    }

    private static void warmUp(ConnectorSession session, int batchSize) throws ConnectorException {
        SyncCursor cursor = session.initialCursor(InitialSync.everything());
        for (int i = 0; i < 5; i++) {
            FetchBatch batch = session.fetch(cursor, batchSize);
            cursor = batch.next();
        }
    }

    private static long load(GreenMail greenMail, int messages, long seed) throws Exception {
        MailFolder inbox = greenMail.getManagers().getImapHostManager()
                .getInbox(greenMail.getUserManager().getUser(USER));
        Session session = Session.getInstance(new Properties());
        MessageMix mix = new MessageMix(seed);
        long bytes = 0;
        for (int i = 0; i < messages; i++) {
            byte[] raw = mix.next(i);
            bytes += raw.length;
            inbox.appendMessage(new MimeMessage(session, new ByteArrayInputStream(raw)), new Flags(), new Date());
        }
        return bytes;
    }

    private static ConnectorSession open(int port) {
        Map<String, String> settings = Map.of("imapHost", "127.0.0.1", "imapPort", Integer.toString(port),
                "imapTls", "plain", "smtpHost", "127.0.0.1", "smtpTls", "plain", "username", USER,
                "readTimeoutSeconds", "30");
        CredentialSource credentials = new CredentialSource() {
            @Override
            public String password() {
                return PASSWORD;
            }

            @Override
            public String accessToken() {
                return PASSWORD;
            }
        };
        HostPolicy policy = HostPolicy.builder().allowPrivateNetworks(true).allowPort(port).build();
        return new ImapConnectorFactory().open(new SessionContext("bench", "bench", settings, credentials, policy,
                Clock.systemUTC()));
    }

    private static int intArg(String[] args, String name, int def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return def;
    }
}
