package dev.postline.bench;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
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
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Pull rate of the IMAP connector: loads N messages, then runs the core's fetch loop from an
 * initial cursor to the end and prints the rate. Not a test: it never fails on a timing.
 *
 * <p>By default against an in-process GreenMail (messages put straight into its store). With
 * {@code --server} against a running IMAP server (e.g. {@code infra/bench/dovecot/run-dovecot.sh});
 * with {@code --maildir} as well, the user's INBOX Maildir is emptied and the N messages are written
 * into its {@code cur/} directly, and the server's first SELECT (Dovecot indexing them) is timed
 * separately and kept out of the pull figure. Without {@code --maildir} whatever the folder holds is
 * pulled.
 *
 * <pre>
 * --messages N (10000)  --batch B (200)  --seed S (1)
 * --server HOST:PORT  --user U  --password P  --folder F (INBOX)  --maildir DIR
 * </pre>
 */
public final class ImapPullBenchmark {

    private static final String GREENMAIL_USER = "support@acme.example";
    private static final String GREENMAIL_PASSWORD = "bench-password";

    public static void main(String[] args) throws Exception {
        int messages = intArg(args, "--messages", 10_000);
        int batch = intArg(args, "--batch", 200);
        long seed = intArg(args, "--seed", 1);
        String server = arg(args, "--server", null);
        if (server == null) {
            greenMail(messages, batch, seed);
        } else {
            int colon = server.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("--server wants HOST:PORT");
            }
            String maildir = arg(args, "--maildir", null);
            external(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)),
                    arg(args, "--user", "bench"), arg(args, "--password", "bench-password"),
                    arg(args, "--folder", "INBOX"), maildir == null ? null : Path.of(maildir), messages, batch, seed);
        }
    }

    private static void greenMail(int messages, int batch, long seed) throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP))
                .withConfiguration(GreenMailConfiguration.aConfig()
                        .withUser(GREENMAIL_USER, GREENMAIL_USER, GREENMAIL_PASSWORD));
        greenMail.start();
        try {
            long loadedBytes = load(greenMail, messages, seed);
            printLoaded(messages, loadedBytes);
            int port = greenMail.getImap().getPort();
            try (ConnectorSession session = open("127.0.0.1", port, GREENMAIL_USER, GREENMAIL_PASSWORD, "INBOX")) {
                warmUp(session, batch); // JIT, connection
                pull(session, batch, messages, null).print(batch, "GreenMail");
            }
        } finally {
            greenMail.stop();
        }
    }

    private static void external(String host, int port, String user, String password, String folder, Path maildir,
                                 int messages, int batch, long seed) throws Exception {
        int expected = -1;
        if (maildir != null) {
            long start = System.nanoTime();
            long loadedBytes = loadMaildir(maildir, messages, seed);
            printLoaded(messages, loadedBytes);
            System.out.printf("written as Maildir files in %.2f s%n", (System.nanoTime() - start) / 1e9);
            expected = messages;
        }
        try (ConnectorSession session = open(host, port, user, password, folder)) {
            // The first SELECT makes Dovecot list the new files and assign UIDs (its index): timed
            // here, outside the pull.
            long start = System.nanoTime();
            session.initialCursor(InitialSync.everything());
            System.out.printf("first SELECT (login + server indexing the folder): %.2f s%n",
                    (System.nanoTime() - start) / 1e9);
            warmUp(session, batch); // JIT, connection
            pull(session, batch, expected, new ServerCpu()).print(batch, "server " + host + ":" + port);
        }
    }

    private record Result(int messages, long bytes, long nanos, long clientCpuNanos, long processCpuNanos,
                          long serverCpuNanos, int batches, long peakHeapDelta, long heapBaseline) {
        void print(int batch, String server) {
            double seconds = nanos / 1e9;
            double cpuSeconds = clientCpuNanos / 1e9;
            System.out.printf("pulled %,d messages, %.1f MB in %.2f s with batch size %d (%d batches)%n",
                    messages, bytes / 1e6, seconds, batch, batches);
            System.out.printf("end-to-end rate (%s included): %,.0f messages/s, %.1f MB/s%n",
                    server, messages / seconds, bytes / 1e6 / seconds);
            // The connector does its work on the calling thread (Angus reads responses there), so this
            // thread's CPU time is the connector's cost without the server's.
            System.out.printf("connector alone (CPU of the fetching thread, %.2f s): %,.0f messages/s, %.1f MB/s%n",
                    cpuSeconds, messages / cpuSeconds, bytes / 1e6 / cpuSeconds);
            System.out.printf("CPU during the pull: this JVM %.2f s (all threads, GC included)%s%n",
                    processCpuNanos / 1e9, serverCpuNanos < 0 ? ""
                            : String.format(", server 'imap' processes %.2f s", serverCpuNanos / 1e9));
            System.out.printf("heap: baseline after load %.0f MB; peak live during pull %.1f MB above baseline%n",
                    heapBaseline / 1e6, peakHeapDelta / 1e6);
        }
    }

    /** Pulls from an initial cursor to the end; {@code expected} below 0 skips the count check. */
    private static Result pull(ConnectorSession session, int batchSize, int expected, ServerCpu serverCpu)
            throws ConnectorException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        long peak = 0;
        int count = 0;
        int batches = 0;
        long bytes = 0;
        long measuring = 0;
        long measuringCpu = 0;
        long measuringProcessCpu = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long processCpuStart = processCpu();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
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
                long p = processCpu();
                System.gc();
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed() - baseline);
                measuring += System.nanoTime() - t;
                measuringCpu += threads.getCurrentThreadCpuTime() - c;
                measuringProcessCpu += processCpu() - p;
            }
        } while (batch.more());
        long nanos = System.nanoTime() - start - measuring;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart - measuringCpu;
        long processCpu = processCpu() - processCpuStart - measuringProcessCpu;
        long serverCpuNanos = serverCpu == null ? -1 : serverCpu.nanos();
        if (expected >= 0 && count != expected) {
            throw new IllegalStateException("pulled " + count + " of " + expected + " messages");
        }
        return new Result(count, bytes, nanos, cpu, processCpu, serverCpuNanos, batches, peak, baseline);
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /**
     * CPU time of the local processes named {@code imap} (Dovecot's per-connection process) from
     * Linux {@code /proc}, as a delta per process: one that ends during the pull (an idle pooled
     * connection being logged out) is left out, one that starts counts whole. Empty where /proc is
     * not available; only meaningful for a server on this host.
     */
    private static final class ServerCpu {
        private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
        private final Map<Path, Long> start = ticks();

        long nanos() {
            long delta = 0;
            for (Map.Entry<Path, Long> now : ticks().entrySet()) {
                delta += now.getValue() - start.getOrDefault(now.getKey(), 0L);
            }
            return delta * 1_000_000_000L / TICKS_PER_SECOND;
        }

        private static Map<Path, Long> ticks() {
            Map<Path, Long> ticks = new java.util.HashMap<>();
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    try {
                        String stat = Files.readString(proc.resolve("stat"));
                        int close = stat.lastIndexOf(')');
                        if (stat.substring(stat.indexOf('(') + 1, close).equals("imap")) {
                            String[] fields = stat.substring(close + 2).split(" ");
                            ticks.put(proc, Long.parseLong(fields[11]) + Long.parseLong(fields[12])); // utime + stime
                        }
                    } catch (IOException | RuntimeException e) {
                        // the process ended meanwhile
                    }
                }
            } catch (IOException e) {
                // no /proc
            }
            return ticks;
        }
    }

    private static void warmUp(ConnectorSession session, int batchSize) throws ConnectorException {
        SyncCursor cursor = session.initialCursor(InitialSync.everything());
        for (int i = 0; i < 5; i++) {
            FetchBatch batch = session.fetch(cursor, batchSize);
            cursor = batch.next();
        }
    }

    private static void printLoaded(int messages, long bytes) {
        System.out.printf("loaded %,d messages, %.1f MB (avg %.1f KB)%n", messages, bytes / 1e6,
                bytes / 1e3 / messages);
    }

    private static long load(GreenMail greenMail, int messages, long seed) throws Exception {
        return GreenMailLoad.fill(greenMail, GREENMAIL_USER, messages, seed);
    }

    /**
     * Empties the Maildir (messages and the server's index files, so the server starts over with a
     * new UIDVALIDITY) and writes the messages into {@code cur/} as the server would have delivered
     * them: CRLF kept, {@code S=} (file size) and {@code W=} (RFC822.SIZE) in the name so the server
     * needs no stat or scan, no flags. Only the directories must be writable by the server's user;
     * the files need only be readable by it.
     */
    static long loadMaildir(Path maildir, int messages, long seed) throws IOException {
        Path cur = maildir.resolve("cur");
        if (!Files.isDirectory(cur) || !Files.isDirectory(maildir.resolve("new"))) {
            throw new IllegalArgumentException(maildir + " is not a Maildir (no cur/ and new/)");
        }
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(maildir.resolve(sub))) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(maildir, "dovecot*")) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    Files.delete(file);
                }
            }
        }
        MessageMix mix = new MessageMix(seed);
        long now = System.currentTimeMillis() / 1000;
        long pid = ProcessHandle.current().pid();
        long bytes = 0;
        for (int i = 0; i < messages; i++) {
            byte[] raw = mix.next(i);
            bytes += raw.length;
            String name = now + ".M" + i + "P" + pid + ".postline-bench,S=" + raw.length + ",W=" + rfc822Size(raw) + ":2,";
            Files.write(cur.resolve(name), raw);
        }
        return bytes;
    }

    /** The size with every bare LF counted as CRLF. */
    private static long rfc822Size(byte[] raw) {
        long size = raw.length;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                size++;
            }
        }
        return size;
    }

    static ConnectorSession open(String host, int port, String user, String password, String folder) {
        Map<String, String> settings = Map.of("imapHost", host, "imapPort", Integer.toString(port),
                "imapTls", "plain", "smtpHost", host, "smtpTls", "plain", "username", user, "folder", folder,
                "readTimeoutSeconds", "30");
        CredentialSource credentials = new CredentialSource() {
            @Override
            public String password() {
                return password;
            }

            @Override
            public String accessToken() {
                return password;
            }
        };
        HostPolicy policy = HostPolicy.builder().allowPrivateNetworks(true).allowPort(port).build();
        return new ImapConnectorFactory().open(new SessionContext("bench", "bench", settings, credentials, policy,
                Clock.systemUTC()));
    }

    private static int intArg(String[] args, String name, int def) {
        String value = arg(args, name, null);
        return value == null ? def : Integer.parseInt(value);
    }

    private static String arg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
