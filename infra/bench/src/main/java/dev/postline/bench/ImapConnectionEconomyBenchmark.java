package dev.postline.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.postline.core.tenant.TenantId;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * IMAP connections and logins per touchpoint at steady state: K touchpoints synced by the real
 * supervisor, idle in IMAP IDLE, with a delivery to one of them (round robin) every E ms for D
 * seconds, so each touchpoint wakes up again and again. All IMAP traffic goes through a
 * {@link CountingRelay}; the figures are what the server sees: connections held (the relay's count
 * and {@code ss} on the relay's port), connections made and LOGIN/AUTHENTICATE commands during the
 * steady window (after every touchpoint is connected), and logins per touchpoint per hour from those.
 * Deliveries bypass the relay (GreenMail's store API, or APPEND straight to the server).
 *
 * <p>By default the server is an in-process GreenMail with K users. With {@code --server} it is a real
 * IMAP server (e.g. {@code infra/bench/dovecot/run-dovecot.sh}) with one user: K is then 1.
 *
 * <pre>
 * --db h2|pg (h2)  --touchpoints K (50)  --seconds D (120)  --every-ms E (500; 0 = no deliveries, idle only)
 * --reconcile-seconds R (the service default, 60: the sync loop ends each wait after R s)
 * --server HOST:PORT  --user U (bench)  --password P (bench-password)
 * </pre>
 */
public final class ImapConnectionEconomyBenchmark {

    public static void main(String[] args) throws Exception {
        PostlineBench.quietLogs();
        String db = PostlineBench.arg(args, "--db", "h2");
        String server = PostlineBench.arg(args, "--server", "");
        int k = server.isEmpty() ? PostlineBench.intArg(args, "--touchpoints", 50) : 1;
        int seconds = PostlineBench.intArg(args, "--seconds", 120);
        int everyMs = PostlineBench.intArg(args, "--every-ms", 500);
        int reconcile = PostlineBench.intArg(args, "--reconcile-seconds", 0);

        GreenMail greenMail = null;
        Mailboxes mailboxes;
        InetSocketAddress target;
        if (server.isEmpty()) {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
            greenMail.start();
            target = new InetSocketAddress("127.0.0.1", greenMail.getImap().getPort());
            mailboxes = new GreenMailboxes(greenMail, k);
        } else {
            String[] hp = server.split(":");
            target = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
            mailboxes = new ServerMailbox(target, PostlineBench.arg(args, "--user", "bench"),
                    PostlineBench.arg(args, "--password", "bench-password"));
        }
        Map<String, Object> extra = new java.util.HashMap<>(Map.of("postline.sync.max-concurrent-connects", "16"));
        if (reconcile > 0) {
            extra.put("postline.sync.reconcile-interval", reconcile + "s");
        }
        try (CountingRelay relay = new CountingRelay(target);
             PostlineBench bench = new PostlineBench(db, List.of(relay.port()), 100, extra)) {
            TenantId tenant = bench.createTenant("econ");
            List<UUID> touchpoints = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                touchpoints.add(bench.createImapTouchpoint(tenant, "support-" + i + "@econ.example", relay.port(),
                        mailboxes.user(i), mailboxes.password(i)));
            }
            long t0 = System.nanoTime();
            bench.startSync();
            while (bench.connectedTouchpoints(tenant) < k) {
                PostlineBench.sleep(200);
                if (System.nanoTime() - t0 > 180_000_000_000L) {
                    throw new IllegalStateException("only " + bench.connectedTouchpoints(tenant) + " of " + k + " connected");
                }
            }
            PostlineBench.sleep(3_000); // from synced into IDLE
            System.out.printf("%d touchpoints connected in %.1f s (IMAP server %s via relay 127.0.0.1:%d); %s%n", k,
                    (System.nanoTime() - t0) / 1e9, server.isEmpty() ? "in-process GreenMail" : server, relay.port(), loadavg());
            System.out.printf("at start of the steady window: connections made %d, logins %d, held %d (ss: %d)%n",
                    relay.accepted(), relay.logins(), relay.open(), established(relay.port()));

            long storedBefore = touchpoints.stream().mapToLong(t -> bench.storedMessages(tenant, t)).sum();
            long acceptedBefore = relay.accepted();
            long loginsBefore = relay.logins();
            long idlesBefore = relay.idles();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            int delivered = 0;
            long nextReport = start + 10_000_000_000L;
            long heldMax = 0;
            while (System.nanoTime() < end) {
                if (everyMs > 0) {
                    mailboxes.deliver(delivered % k, delivered);
                    delivered++;
                }
                PostlineBench.sleep(everyMs > 0 ? everyMs : 1_000);
                heldMax = Math.max(heldMax, relay.open());
                if (System.nanoTime() >= nextReport) {
                    nextReport += 10_000_000_000L;
                    System.out.printf("  t=%3d s  delivered %5d  IDLEs %5d  held %d (ss: %d)  made %d  logins %d  %s%n",
                            (System.nanoTime() - start) / 1_000_000_000L, delivered, relay.idles() - idlesBefore, relay.open(),
                            established(relay.port()), relay.accepted() - acceptedBefore, relay.logins() - loginsBefore, loadavg());
                }
            }
            double hours = (System.nanoTime() - start) / 3.6e12;
            long logins = relay.logins() - loginsBefore;
            long made = relay.accepted() - acceptedBefore;
            long stored = waitForStored(bench, tenant, touchpoints, storedBefore + delivered) - storedBefore;
            System.out.printf("RESULT %d touchpoints, %d s, %d deliveries (%.1f per touchpoint), %d IDLE cycles "
                            + "(%.1f per touchpoint): connections held %d (ss: %d, max seen %d) = %.2f per touchpoint; during the window "
                            + "connections made %d, logins %d = %.2f logins per touchpoint per hour; stored %d of %d; %s%n",
                    k, seconds, delivered, delivered / (double) k, relay.idles() - idlesBefore,
                    (relay.idles() - idlesBefore) / (double) k, relay.open(), established(relay.port()), heldMax,
                    relay.open() / (double) k, made, logins, logins / (double) k / hours, stored, delivered, loadavg());
        } finally {
            mailboxes.close();
            if (greenMail != null) {
                greenMail.stop();
            }
        }
    }

    /** Every delivered message stored (bounded wait): the economy must not cost mail. */
    private static long waitForStored(PostlineBench bench, TenantId tenant, List<UUID> touchpoints, long delivered) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long stored;
        do {
            stored = touchpoints.stream().mapToLong(t -> bench.storedMessages(tenant, t)).sum();
            if (stored >= delivered) {
                break;
            }
            PostlineBench.sleep(250);
        } while (System.nanoTime() < deadline);
        return stored;
    }

    /** Established TCP connections to the relay's port on this host ({@code ss -Htn}), -1 without ss. */
    private static long established(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Htn", "state", "established", "( dport = :" + port + " )")
                    .redirectErrorStream(true).start();
            long lines = new String(ss.getInputStream().readAllBytes()).lines().filter(l -> !l.isBlank()).count();
            ss.waitFor();
            return lines;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static String loadavg() {
        try {
            return "loadavg " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "loadavg n/a";
        }
    }

    /** Where the touchpoints' mail is and how a message gets there without passing the relay. */
    private interface Mailboxes extends AutoCloseable {
        String user(int i);

        String password(int i);

        void deliver(int mailbox, int seq) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    private static byte[] message(int seq) {
        return ("From: customer-" + seq + "@customer.example\r\nTo: support@econ.example\r\n"
                + "Subject: economy " + seq + "\r\nMessage-ID: <econ-" + seq + "@customer.example>\r\n"
                + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\n\r\nHello " + seq + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static final class GreenMailboxes implements Mailboxes {
        private final GreenMailUser[] users;
        private final Session session = Session.getInstance(new Properties());

        GreenMailboxes(GreenMail greenMail, int k) {
            users = new GreenMailUser[k];
            for (int i = 0; i < k; i++) {
                users[i] = greenMail.setUser("support-" + i + "@econ.example", "support-" + i + "@econ.example", "pw-" + i);
            }
        }

        @Override
        public String user(int i) {
            return users[i].getLogin();
        }

        @Override
        public String password(int i) {
            return "pw-" + i;
        }

        @Override
        public void deliver(int mailbox, int seq) throws Exception {
            users[mailbox].deliver(new MimeMessage(session, new ByteArrayInputStream(message(seq))));
        }
    }

    /** One user on a real server; APPEND on a connection of its own, straight to the server. */
    private static final class ServerMailbox implements Mailboxes {
        private final String user;
        private final String password;
        private final Store store;
        private final Folder inbox;
        private final Session session;

        ServerMailbox(InetSocketAddress server, String user, String password) throws Exception {
            this.user = user;
            this.password = password;
            this.session = Session.getInstance(new Properties());
            this.store = session.getStore("imap");
            store.connect(server.getHostString(), server.getPort(), user, password);
            this.inbox = store.getFolder("INBOX");
        }

        @Override
        public String user(int i) {
            return user;
        }

        @Override
        public String password(int i) {
            return password;
        }

        @Override
        public void deliver(int mailbox, int seq) throws Exception {
            MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(message(seq)));
            m.setFlags(new Flags(), true);
            inbox.appendMessages(new Message[] {m});
        }

        @Override
        public void close() throws Exception {
            store.close();
        }
    }
}
