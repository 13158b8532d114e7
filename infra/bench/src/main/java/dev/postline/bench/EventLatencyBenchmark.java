package dev.postline.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.tenant.TenantId;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arrival-to-event latency: T touchpoints (one tenant), each on its own GreenMail mailbox user
 * (in-process GreenMail, IMAP on 127.0.0.1, IDLE), synced by the real supervisor. A feeder delivers
 * R messages per second per touchpoint ({@link MessageMix}, spread evenly: one delivery every
 * 1/(T·R) s, round robin) for a bounded duration; each delivery's {@code System.nanoTime()} is kept
 * by sequence number, which is also in the Message-ID ({@code <bench-SEQ@customer.example>}).
 * Latency = time the EventBus delivers MESSAGE_ADDED (after commit; what the SSE endpoint streams)
 * minus the time just before the message was put into the mailbox. After the run each event's message
 * is looked up to find its sequence number. Not a test: it never fails on a timing.
 *
 * <pre>
 * --db h2|pg (h2)  --touchpoints T (100)  --rate R msgs/s per touchpoint (2)  --seconds D (60)
 * --warmup-seconds W (10, same load, not measured)
 * </pre>
 */
public final class EventLatencyBenchmark {

    private static final Pattern SEQ = Pattern.compile("bench-(\\d+)@");

    private record Seen(UUID messageId, long nanos) {}

    public static void main(String[] args) throws Exception {
        PostlineBench.quietLogs();
        String db = PostlineBench.arg(args, "--db", "h2");
        int touchpoints = PostlineBench.intArg(args, "--touchpoints", 100);
        int rate = PostlineBench.intArg(args, "--rate", 2);
        int seconds = PostlineBench.intArg(args, "--seconds", 60);
        int warmupSeconds = PostlineBench.intArg(args, "--warmup-seconds", 10);

        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        try {
            int port = greenMail.getImap().getPort();
            GreenMailUser[] users = new GreenMailUser[touchpoints];
            for (int i = 0; i < touchpoints; i++) {
                users[i] = greenMail.setUser("support-" + i + "@lat.example", "support-" + i + "@lat.example", "pw-" + i);
            }
            try (PostlineBench bench = new PostlineBench(db, List.of(port), 100, Map.of())) {
                TenantId tenant = bench.createTenant("latency");
                for (int i = 0; i < touchpoints; i++) {
                    bench.createImapTouchpoint(tenant, "support-" + i + "@lat.example", port, users[i].getLogin(), "pw-" + i);
                }
                ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
                EventBus events = bench.context().getBean(EventBus.class);
                long t0 = System.nanoTime();
                bench.startSync();
                while (bench.connectedTouchpoints(tenant) < touchpoints) {
                    PostlineBench.sleep(200);
                    if (System.nanoTime() - t0 > 120_000_000_000L) {
                        throw new IllegalStateException("only " + bench.connectedTouchpoints(tenant) + " touchpoints connected");
                    }
                }
                System.out.printf("%d touchpoints (one tenant) connected and synced in %.1f s; GreenMail IMAP on 127.0.0.1:%d%n",
                        touchpoints, (System.nanoTime() - t0) / 1e9, port);
                PostlineBench.sleep(2_000); // every loop in IDLE

                MessageMix mix = new MessageMix(7);
                Session session = Session.getInstance(new Properties());
                int seq = 0;
                if (warmupSeconds > 0) {
                    int warm = feed(users, rate, warmupSeconds, mix, session, seq, null);
                    seq += warm;
                    PostlineBench.sleep(3_000);
                    System.out.printf("warm-up: %,d messages in %d s, not measured%n", warm, warmupSeconds);
                }
                bench.analyze(); // PostgreSQL: statistics after the warm-up, as autovacuum would (off on the local server)
                int first = seq;
                int total = touchpoints * rate * seconds;
                long[] sent = new long[total];
                try (AutoCloseable subscription = events.subscribe(e -> {
                    if (e.type() == ConversationEvent.Type.MESSAGE_ADDED) {
                        seen.add(new Seen(e.messageId(), System.nanoTime()));
                    }
                })) {
                    long cpu0 = PostlineBench.processCpuNanos();
                    long start = System.nanoTime();
                    int fed = feed(users, rate, seconds, mix, session, first, sent);
                    double feedSeconds = (System.nanoTime() - start) / 1e9;
                    long waitUntil = System.nanoTime() + 30_000_000_000L;
                    while (seen.size() < fed && System.nanoTime() < waitUntil) {
                        PostlineBench.sleep(100);
                    }
                    double cpu = (PostlineBench.processCpuNanos() - cpu0) / 1e9;
                    report(bench, tenant, seen, sent, first, fed, feedSeconds, touchpoints, rate, cpu, db);
                }
            }
        } finally {
            greenMail.stop();
        }
    }

    /**
     * Delivers {@code users.length * rate * seconds} messages, one every 1/(users·rate) s, round
     * robin over the mailboxes; returns how many. {@code sent[i]} gets the nanoTime of message
     * {@code first + i} just before it is put into the mailbox.
     */
    private static int feed(GreenMailUser[] users, int rate, int seconds, MessageMix mix, Session session, int first,
                            long[] sent) throws Exception {
        int total = users.length * rate * seconds;
        long interval = 1_000_000_000L / ((long) users.length * rate);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(mix.next(first + i)));
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            if (sent != null) {
                sent[i] = now;
            }
            users[i % users.length].deliver(message);
        }
        return total;
    }

    private static void report(PostlineBench bench, TenantId tenant, ConcurrentLinkedQueue<Seen> seen, long[] sent,
                               int first, int fed, double feedSeconds, int touchpoints, int rate, double cpu, String db) {
        TenantTransactions tx = bench.context().getBean(TenantTransactions.class);
        MailMessageRepository messages = bench.context().getBean(MailMessageRepository.class);
        List<Long> latencies = new ArrayList<>();
        int unknown = 0;
        for (Seen s : seen) {
            MailMessage m = tx.read(tenant, () -> messages.findByTenantIdAndId(tenant.value(), s.messageId())).orElse(null);
            Matcher matcher = m == null || m.messageIdHeader() == null ? null : SEQ.matcher(m.messageIdHeader());
            if (matcher == null || !matcher.find()) {
                unknown++;
                continue;
            }
            int index = Integer.parseInt(matcher.group(1)) - first;
            if (index < 0 || index >= fed) {
                unknown++; // a warm-up message arriving late
                continue;
            }
            latencies.add(s.nanos() - sent[index]);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%s: %d touchpoints × %d msgs/s for %.1f s: delivered %,d (%.0f msgs/s), MESSAGE_ADDED events %,d "
                        + "(%d not from this run), missing %,d%n", db.toUpperCase(), touchpoints, rate, feedSeconds, fed,
                fed / feedSeconds, seen.size(), unknown, fed - sorted.length);
        if (sorted.length == 0) {
            return;
        }
        System.out.printf("RESULT %s arrival-to-event latency: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms, min %.0f ms%n",
                db.toUpperCase(), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6,
                sorted[0] / 1e6);
        System.out.printf("CPU of this JVM (GreenMail + Postline) during the run: %.1f s (%.0f%% of the 2 cores); average %.0f ms%n",
                cpu, 100 * cpu / (feedSeconds * 2), Arrays.stream(sorted).average().orElse(0) / 1e6);
    }

    private static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
