package dev.postline.bench;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.outbound.OutboxEntry;
import dev.postline.core.outbound.OutboxRepository;
import dev.postline.core.outbound.ComposeRequest;
import dev.postline.core.outbound.ReplyService;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbound throughput with the durable outbox: N customer conversations (set up through the ingestion
 * pipeline, not timed), then N agent replies queued through {@code ReplyService} (message + outbox
 * entry in one transaction) by {@code --agents} threads, sent by the real {@code OutboxSender} over
 * SMTP to an in-process GreenMail (Angus SMTP, plain, 127.0.0.1), each also copied to the
 * touchpoint's Sent folder over IMAP (the copy the crash check searches; {@code --sent-folder false}
 * turns it off). Afterwards every delivery in the customer's mailbox is counted by Message-ID: a
 * double send shows.
 *
 * <p>{@code --mode drain} (default): the replies are queued with the sender off, then the context is
 * restarted with it on (the outbox is durable: a restart is the realistic way to find a backlog), and
 * the sender is timed from the first to the N-th outbox entry SENT. {@code --mode concurrent}: the
 * sender runs while the agents queue; timed from the first reply queued to the N-th SENT (bounded by
 * the queueing rate when that is lower).
 *
 * <pre>
 * --db h2|pg (h2)  --mode drain|concurrent (drain)  --messages N (5000)  --touchpoints T (4)  --agents A (4)
 * --sent-folder true|false (true)  --sink nodelay|stock (nodelay)  --peer N (2000; 0 = none)  --smtp-port/--imap-port (0 = any)
 * --concurrency C (postline.outbox.concurrency, 16)  --per-touchpoint P (postline.outbox.connections-per-touchpoint, 4)
 * --batch B (postline.outbox.batch-size, 200)
 * --sent-server HOST:PORT --sent-user U --sent-password P   the IMAP server holding the Sent folder (default: the
 *                                                           same GreenMail); e.g. the Dovecot of infra/bench/dovecot
 * </pre>
 */
public final class OutboundSendBenchmark {

    private static final String CUSTOMER = "customer@customer.example";
    private static final String PASSWORD = "bench-password";
    /** The peer's recipient: its mail never mixes with the customer's, which is counted for double sends. */
    private static final String PEER = "peer@customer.example";

    public static void main(String[] args) throws Exception {
        PostlineBench.quietLogs();
        String db = PostlineBench.arg(args, "--db", "h2");
        boolean drain = PostlineBench.arg(args, "--mode", "drain").equals("drain");
        int messages = PostlineBench.intArg(args, "--messages", 5_000);
        int touchpointCount = PostlineBench.intArg(args, "--touchpoints", 4);
        int agents = PostlineBench.intArg(args, "--agents", 4);
        boolean sentFolder = Boolean.parseBoolean(PostlineBench.arg(args, "--sent-folder", "true"));
        int peerMessages = PostlineBench.intArg(args, "--peer", 2_000);
        ServerSetup[] setups = {new ServerSetup(PostlineBench.intArg(args, "--smtp-port", 0), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(PostlineBench.intArg(args, "--imap-port", 0), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)};
        boolean stockSink = PostlineBench.arg(args, "--sink", "nodelay").equals("stock");
        GreenMail greenMail = stockSink ? new GreenMail(setups) : new NoDelayGreenMail(setups);
        greenMail.start();
        greenMail.setUser(CUSTOMER, CUSTOMER, PASSWORD);
        greenMail.setUser(PEER, PEER, PASSWORD);
        int smtp = greenMail.getSmtp().getPort();
        String sentServer = PostlineBench.arg(args, "--sent-server", null);
        int imap = sentServer == null ? (stockSink ? greenMail.getImap().getPort() : ((NoDelayGreenMail) greenMail).imapPort())
                : Integer.parseInt(sentServer.substring(sentServer.lastIndexOf(':') + 1));
        System.out.printf("sink: %s GreenMail, SMTP %d, IMAP %d%n", stockSink ? "stock" : "TCP_NODELAY", smtp, imap);
        String login = PostlineBench.arg(args, "--sent-user", null);
        String password = PostlineBench.arg(args, "--sent-password", PASSWORD);
        if (login != null) {
            greenMail.setUser(login + "@bench.example", login, password); // SMTP AUTH with the IMAP server's login
        }
        Map<String, Object> extra = new HashMap<>();
        extra.put("postline.sync.enabled", "false");
        extra.put("postline.sync.extra-ports", smtp + "," + imap);
        extra.put("postline.outbox.poll-interval", "100ms");
        extra.put("postline.outbox.enabled", Boolean.toString(!drain));
        extra.put("postline.outbox.concurrency", PostlineBench.arg(args, "--concurrency", "16"));
        extra.put("postline.outbox.connections-per-touchpoint", PostlineBench.arg(args, "--per-touchpoint", "4"));
        extra.put("postline.outbox.batch-size", PostlineBench.arg(args, "--batch", "200"));
        try (PostlineBench bench = new PostlineBench(db, List.of(imap), 100, extra)) {
            var created = bench.context().getBean(TenantService.class).create(new TenantService.NewTenant("outbound", "Bench outbound",
                    new UserService.NewUser("admin@outbound.example", "Admin", Role.ADMIN, "admin-password-1")));
            TenantId tenant = created.tenant().tenantId();
            Viewer agent = new Viewer(tenant, created.admin().id(), true, Set.of(), Set.of(Role.ADMIN));
            List<UUID> touchpoints = new ArrayList<>();
            for (int t = 0; t < touchpointCount; t++) {
                touchpoints.add(touchpoint(bench, greenMail, tenant, "support-" + t + "@acme.example", smtp, imap, sentFolder, login, password));
            }
            long t0 = System.nanoTime();
            List<UUID> conversations = conversations(bench, tenant, touchpoints, messages);
            System.out.printf("setup: %,d customer conversations on %d touchpoints ingested in %.1f s (not timed)%n", messages,
                    touchpointCount, (System.nanoTime() - t0) / 1e9);
            bench.analyze();
            run(bench, greenMail, tenant, agent, conversations, agents, sentFolder, drain);
            if (peerMessages > 0) {
                peer(smtp, peerMessages);
            }
        } finally {
            greenMail.stop();
        }
    }

    private static void run(PostlineBench bench, GreenMail greenMail, TenantId tenant, Viewer agent, List<UUID> conversations,
                            int agents, boolean sentFolder, boolean drain) throws Exception {
        int messages = conversations.size();
        ReplyService replies = bench.context().getBean(ReplyService.class);
        long queueStart = System.nanoTime();
        long restarted = 0;
        AtomicLong queuedAt = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        List<Future<?>> work = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            int first = a;
            work.add(pool.submit(() -> {
                for (int i = first; i < messages; i += agents) {
                    replies.reply(agent, agent.userId(), conversations.get(i), new ComposeRequest(null, null, null, null,
                            "Answer " + i + ".\n" + "x".repeat(1500), null, null, null));
                }
                queuedAt.accumulateAndGet(System.nanoTime(), Math::max);
            }));
        }
        if (drain) {
            for (Future<?> f : work) {
                f.get();
            }
            System.out.printf("queued %,d replies in %.2f s (%,.0f/s) with the sender off; restarting with it on%n", messages,
                    (queuedAt.get() - queueStart) / 1e9, messages / ((queuedAt.get() - queueStart) / 1e9));
            bench.analyze();
            restarted = System.nanoTime();
            bench.restart(Map.of("postline.outbox.enabled", "true"));
        }
        PostlineBench.ProcCpu pgCpu = new PostlineBench.ProcCpu(bench.pgDatabase() == null ? "-none-" : bench.pgDatabase(), "postgres");
        long cpu0 = PostlineBench.processCpuNanos();
        long start = drain ? 0 : queueStart;
        long timeout = TimeUnit.SECONDS.toNanos(120 + messages / 10);
        long lastPrint = System.nanoTime();
        long sent;
        while ((sent = sent(bench, tenant)) < messages) {
            long now = System.nanoTime();
            if (start == 0) {
                if (sent == 0) {
                    PostlineBench.sleep(5);
                    continue;
                }
                start = now; // drain: from the first SENT seen
                lastPrint = now;
            }
            if (now - start > timeout) {
                throw new IllegalStateException("only " + sent + " of " + messages + " SENT after " + (now - start) / 1_000_000_000 + " s");
            }
            if (now - lastPrint > 5_000_000_000L) {
                lastPrint = now;
                System.out.printf("  %,d SENT after %.0f s%n", sent, (now - start) / 1e9);
            }
            PostlineBench.sleep(20);
        }
        long nanos = System.nanoTime() - start;
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double jvmCpu = (PostlineBench.processCpuNanos() - cpu0) / 1e9;
        double s = nanos / 1e9;
        Map<String, Integer> perMessageId = deliveries(greenMail);
        long doubles = perMessageId.values().stream().filter(n -> n > 1).count();
        System.out.printf("%s, %s, Sent-folder copy %s: %,d replies, all SENT after %.2f s%n", bench.db().toUpperCase(),
                drain ? "drain of a queued backlog" : agents + " agents queueing while sending", sentFolder ? "on" : "off", messages, s);
        if (drain) {
            System.out.printf("restart began %.2f s before the first SENT (context start, first poll after 1 s, logins); "
                    + "%,.0f messages/s counting it%n", (start - restarted) / 1e9, messages / ((System.nanoTime() - restarted) / 1e9));
        }
        System.out.printf("RESULT %s: %,.0f messages/s %s (load average %s)%n", bench.db().toUpperCase(), messages / s,
                drain ? "from first SENT to last SENT" : "from first queued to last SENT", loadAverage());
        System.out.printf("deliveries: %,d distinct Message-IDs in the customer's mailbox, %,d in all, %d delivered more than once%n",
                perMessageId.size(), perMessageId.values().stream().mapToInt(Integer::intValue).sum(), doubles);
        System.out.printf("CPU: this JVM (GreenMail included) %.1f s (%.0f%% of one core), postgres backends of this database %.1f s; "
                + "per message: JVM %.2f ms%n", jvmCpu, 100 * jvmCpu / s, pgCpu.seconds(), jvmCpu * 1000 / messages);
        if (perMessageId.size() != messages || doubles > 0) {
            throw new IllegalStateException("expected exactly one delivery of each of " + messages + " replies");
        }
    }

    /**
     * The sink's own ceiling in the same window: Python's smtplib on one connection straight to the
     * same GreenMail (infra/bench/smtp-peer.py), the peer the issue measured.
     */
    private static void peer(int smtp, int count) throws Exception {
        String load = loadAverage();
        Process p = new ProcessBuilder("python3", "infra/bench/smtp-peer.py", "127.0.0.1", Integer.toString(smtp),
                Integer.toString(count), "2500", PEER).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.printf("%s (same sink, right after; load before %s)%n", p.waitFor() == 0 ? out : "peer failed: " + out, load);
    }

    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long sent(PostlineBench bench, TenantId tenant) {
        return bench.context().getBean(TenantTransactions.class).read(tenant,
                () -> bench.context().getBean(OutboxRepository.class).countByTenantIdAndStatus(tenant.value(), OutboxEntry.Status.SENT));
    }

    private static UUID touchpoint(PostlineBench bench, GreenMail greenMail, TenantId tenant, String address, int smtp, int imap,
                                   boolean sentFolder, String login, String password) {
        if (login == null) {
            greenMail.setUser(address, address, password);
        }
        Map<String, String> settings = new HashMap<>(Map.of("preset", "custom", "imapHost", "127.0.0.1",
                "imapPort", Integer.toString(imap), "imapTls", "plain", "smtpHost", "127.0.0.1", "smtpPort", Integer.toString(smtp),
                "smtpTls", "plain", "username", login == null ? address : login, "folder", "INBOX"));
        settings.put("appendToSent", Boolean.toString(sentFolder));
        settings.put("readTimeoutSeconds", "60");
        TouchpointService service = bench.context().getBean(TouchpointService.class);
        UUID id = service.create(tenant, new TouchpointService.NewTouchpoint(address, "Bench " + address, "imap", Direction.BOTH,
                true, List.of(), settings)).touchpoint().id();
        service.setPassword(tenant, id, new TouchpointService.CredentialUpdate(password));
        return id;
    }

    /** One customer question per reply, spread over the touchpoints round robin. */
    private static List<UUID> conversations(PostlineBench bench, TenantId tenant, List<UUID> touchpoints, int count) {
        IngestionPipeline pipeline = bench.context().getBean(IngestionPipeline.class);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String raw = "From: Customer <" + CUSTOMER + ">\r\nTo: support@acme.example\r\nSubject: Question " + i
                    + "\r\nMessage-ID: <q-" + i + "@customer.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nWhere is order " + i + "?\r\n";
            ids.add(pipeline.ingest(tenant, touchpoints.get(i % touchpoints.size()),
                    new InboundMail("q-" + i, raw.getBytes(StandardCharsets.US_ASCII), null)).conversationId());
        }
        return ids;
    }

    /** Deliveries to the customer's inbox per Message-ID. */
    private static Map<String, Integer> deliveries(GreenMail greenMail) throws Exception {
        var inbox = greenMail.getManagers().getImapHostManager().getInbox(greenMail.getUserManager().getUserByEmail(CUSTOMER));
        Map<String, Integer> counts = new HashMap<>();
        for (StoredMessage m : inbox.getMessages()) {
            counts.merge(m.getMimeMessage().getMessageID(), 1, Integer::sum);
        }
        return counts;
    }
}
