package dev.postline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.postline.connectors.api.ChangeHints;
import dev.postline.connectors.api.ChangeSubscriptions;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SubscriptionRequest;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.gmail.GmailConnectorFactory;
import dev.postline.connectors.gmaildouble.GmailDouble;
import dev.postline.connectors.graph.GraphConnectorFactory;
import dev.postline.connectors.graphdouble.GraphDouble;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP connections, requests and Gmail quota units per Gmail / Microsoft Graph touchpoint at steady state.
 * K touchpoints of one connector, each a session on its double (gmail-double / graph-double), driven by
 * the loop {@code TouchpointSync} runs (drain with {@code fetch} until nothing more, then
 * {@code awaitChanges} until the reconcile deadline, again and again), not the whole core: no database,
 * no ingestion. With {@code --push true} each session subscribes first (Gmail {@code users.watch} to a
 * Pub/Sub topic the double pushes to; Graph a subscription whose notifications the double posts) and an
 * endpoint here hints the session, as the server's push endpoints do.
 *
 * <p>All API traffic passes a {@link CountingRelay}: connections made and held are what the double
 * sees, requests are counted from the request lines on the wire, Gmail units by the double's quota meter.
 * Figures are taken over the steady window (after every touchpoint has synced once) and extrapolated to
 * one touchpoint and one hour.
 *
 * <pre>
 * --connector gmail|graph (gmail)  --touchpoints K (20)  --seconds D (120)  --every-ms E (0 = no mail)
 * --push true|false (false)  --poll-seconds P (the connector's default, 15)  --reconcile-seconds R (60, the core's default)
 * </pre>
 */
public final class HttpConnectorEconomyBenchmark {

    private static final Pattern REQUEST_LINE = Pattern.compile("(?m)^(GET|POST|PUT|PATCH|DELETE) (/[^ ?]*)\\S* HTTP/1\\.1\\r?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, ConnectorSession> sessionsByKey = new ConcurrentHashMap<>();
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong tokenAsks = new AtomicLong();
    private final AtomicLong pushes = new AtomicLong();
    private volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        new HttpConnectorEconomyBenchmark().run(args);
    }

    private void run(String[] args) throws Exception {
        PostlineBench.quietLogs();
        String connector = PostlineBench.arg(args, "--connector", "gmail");
        int k = PostlineBench.intArg(args, "--touchpoints", 20);
        int seconds = PostlineBench.intArg(args, "--seconds", 120);
        int everyMs = PostlineBench.intArg(args, "--every-ms", 0);
        boolean push = Boolean.parseBoolean(PostlineBench.arg(args, "--push", "false"));
        String poll = PostlineBench.arg(args, "--poll-seconds", "");
        Duration reconcile = Duration.ofSeconds(PostlineBench.intArg(args, "--reconcile-seconds", 60));
        boolean gmail = connector.equals("gmail");

        try (Provider provider = gmail ? new GmailProvider() : new GraphProvider();
             CountingRelay relay = new CountingRelay(provider.address(), this::countRequests);
             HookEndpoint hooks = new HookEndpoint(this::onPush)) {
            HostPolicy hosts = HostPolicy.builder().allowPrivateNetworks(true).allowPort(relay.port()).build();
            List<Thread> loops = new ArrayList<>();
            List<ConnectorSession> sessions = new ArrayList<>();
            AtomicLong synced = new AtomicLong();
            for (int i = 0; i < k; i++) {
                String address = "support-" + i + "@econ.example";
                String token = provider.addUser(address, i);
                Map<String, String> settings = provider.settings(address, relay.port());
                if (!poll.isEmpty()) {
                    settings.put("pollIntervalSeconds", poll);
                }
                ConnectorSession session = provider.factory().open(new SessionContext("tenant-econ", "tp-" + i, settings,
                        new Token(token), hosts, Clock.systemUTC()));
                sessions.add(session);
                if (push) {
                    sessionsByKey.put(provider.pushKey(address, i), session);
                    provider.subscribe((ChangeSubscriptions) session, hooks, i);
                }
                loops.add(Thread.ofVirtual().name("sync-" + i).start(() -> syncLoop(session, reconcile, synced)));
            }
            long t0 = System.nanoTime();
            while (synced.get() < k) {
                PostlineBench.sleep(100);
                if (System.nanoTime() - t0 > 120_000_000_000L) {
                    throw new IllegalStateException("only " + synced.get() + " of " + k + " synced");
                }
            }
            PostlineBench.sleep(1_000);
            System.out.printf("%s: %d touchpoints synced in %.1f s, push %s, poll %s, reconcile %d s, a message every %s; "
                            + "connections made %d, held %d; %s%n", connector, k, (System.nanoTime() - t0) / 1e9, push,
                    poll.isEmpty() ? "default" : poll + " s", reconcile.toSeconds(), everyMs > 0 ? everyMs + " ms" : "never",
                    relay.accepted(), relay.open(), loadavg());

            Map<String, Long> requestsBefore = snapshot();
            long acceptedBefore = relay.accepted();
            long unitsBefore = provider.units();
            long tokensBefore = tokenAsks.get();
            long fetchedBefore = fetched.get();
            long pushesBefore = pushes.get();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long nextReport = start + 30_000_000_000L;
            int delivered = 0;
            int heldMax = 0;
            while (System.nanoTime() < end) {
                if (everyMs > 0) {
                    provider.deliver(delivered % k, delivered);
                    delivered++;
                }
                PostlineBench.sleep(everyMs > 0 ? everyMs : 500);
                heldMax = Math.max(heldMax, relay.open());
                if (System.nanoTime() >= nextReport) {
                    nextReport += 30_000_000_000L;
                    System.out.printf("  t=%3d s  delivered %5d  fetched %5d  made %d  held %d  requests %d  %s%n",
                            (System.nanoTime() - start) / 1_000_000_000L, delivered, fetched.get() - fetchedBefore,
                            relay.accepted() - acceptedBefore, relay.open(),
                            total(snapshot()) - total(requestsBefore), loadavg());
                }
            }
            double hours = (System.nanoTime() - start) / 3.6e12;
            Map<String, Long> window = minus(snapshot(), requestsBefore);
            long made = relay.accepted() - acceptedBefore;
            long units = provider.units() - unitsBefore;
            long tokens = tokenAsks.get() - tokensBefore;
            long fetchedInWindow = fetched.get() - fetchedBefore;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (fetched.get() - fetchedBefore < delivered && System.nanoTime() < deadline) {
                PostlineBench.sleep(100);
            }
            double perTpHour = 1 / (k * hours);
            StringBuilder kinds = new StringBuilder();
            window.forEach((kind, n) -> kinds.append(String.format("%n    %-42s %7d  = %8.1f per touchpoint per hour", kind, n, n * perTpHour)));
            System.out.printf("RESULT %s, %d touchpoints, %d s, push %s, poll %s, a message every %s (%d delivered, %d fetched in the window, %d in all): "
                            + "connections held %d (max seen %d) = %.2f per touchpoint; made in the window %d = %.1f per touchpoint per hour; "
                            + "requests %d = %.0f per touchpoint per hour; Gmail units %d = %.0f per touchpoint per hour; "
                            + "access tokens asked %d; pushes %d; %s%s%n",
                    connector, k, seconds, push, poll.isEmpty() ? "default" : poll + " s", everyMs > 0 ? everyMs + " ms" : "never",
                    delivered, fetchedInWindow, fetched.get() - fetchedBefore, relay.open(), heldMax, relay.open() / (double) k, made, made * perTpHour,
                    total(window), total(window) * perTpHour, units, units * perTpHour, tokens,
                    pushes.get() - pushesBefore, loadavg(), kinds);
            running = false;
            sessions.forEach(ConnectorSession::close);
            for (Thread loop : loops) {
                loop.join(5_000);
            }
        }
    }

    /** The loop TouchpointSync runs, without ingestion: drain, then wait for changes until the reconcile deadline. */
    private void syncLoop(ConnectorSession session, Duration reconcile, AtomicLong synced) {
        try {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            cursor = drain(session, cursor);
            synced.incrementAndGet();
            while (running) {
                session.awaitChanges(cursor, Instant.now().plus(reconcile));
                if (running) {
                    cursor = drain(session, cursor);
                }
            }
        } catch (ConnectorException e) {
            if (running) {
                System.out.println("sync loop ended: " + e.getMessage());
            }
        }
    }

    private SyncCursor drain(ConnectorSession session, SyncCursor cursor) throws ConnectorException {
        FetchBatch batch;
        do {
            batch = session.fetch(cursor, 100, 16L << 20);
            fetched.addAndGet(batch.messages().size());
            cursor = batch.next();
        } while (batch.more() && running);
        return cursor;
    }

    private void onPush(String key) {
        pushes.incrementAndGet();
        ConnectorSession session = sessionsByKey.get(key);
        if (session instanceof ChangeHints hints) {
            hints.changeHinted();
        }
    }

    private void countRequests(String text) {
        Matcher m = REQUEST_LINE.matcher(text);
        while (m.find()) {
            requests.computeIfAbsent(kind(m.group(1), m.group(2)), x -> new AtomicLong()).incrementAndGet();
        }
    }

    /** The API method of a request line, with ids left out. */
    private static String kind(String method, String path) {
        String p = path.replaceFirst("^/gmail/v1/users/[^/]+", "gmail").replaceFirst("^/v1\\.0", "graph");
        p = p.replaceAll("/messages/(?!delta|send)[^/]+", "/messages/{id}").replaceAll("/mailFolders/[^/]+", "/mailFolders/{f}")
                .replaceAll("/subscriptions/[^/]+", "/subscriptions/{id}");
        return method + " " + p;
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        requests.forEach((kind, n) -> copy.put(kind, n.get()));
        return copy;
    }

    private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> diff = new TreeMap<>();
        now.forEach((kind, n) -> {
            long d = n - before.getOrDefault(kind, 0L);
            if (d > 0) {
                diff.put(kind, d);
            }
        });
        return diff;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String loadavg() {
        try {
            return "loadavg " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "loadavg n/a";
        }
    }

    private static byte[] message(int seq) {
        return ("From: customer-" + seq + "@customer.example\r\nTo: support@econ.example\r\n"
                + "Subject: economy " + seq + "\r\nMessage-ID: <http-econ-" + seq + "@customer.example>\r\n"
                + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\n\r\nHello " + seq + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A fixed access token; counts how often the connector asks (the core's token service answers from its cache). */
    private final class Token implements CredentialSource {
        private final String token;

        Token(String token) {
            this.token = token;
        }

        @Override
        public String password() throws ConnectorException {
            throw new ConnectorException(FailureKind.AUTH_REVOKED, "no password");
        }

        @Override
        public String accessToken() {
            tokenAsks.incrementAndGet();
            return token;
        }
    }

    /** A provider's double and how a touchpoint is set up on it. */
    private interface Provider extends AutoCloseable {
        InetSocketAddress address();

        ConnectorFactory factory();

        /** Creates the mailbox; returns the access token that acts as its user. */
        String addUser(String address, int i);

        Map<String, String> settings(String address, int port);

        /** What a push names, to find the session to hint. */
        String pushKey(String address, int i);

        void subscribe(ChangeSubscriptions session, HookEndpoint hooks, int i) throws ConnectorException;

        void deliver(int mailbox, int seq);

        /** Gmail quota units spent so far, by the double's meter (0 for Graph). */
        long units();

        @Override
        void close();
    }

    private static final class GmailProvider implements Provider {
        private static final String TOPIC = "projects/postline-bench/topics/gmail";
        private final GmailDouble gmail = GmailDouble.start();
        private final GmailConnectorFactory factory = new GmailConnectorFactory();
        private final List<String> users = new ArrayList<>();
        private boolean topicReady;

        @Override
        public InetSocketAddress address() {
            return gmail.address();
        }

        @Override
        public ConnectorFactory factory() {
            return factory;
        }

        @Override
        public String addUser(String address, int i) {
            gmail.addUser(address, "ya29.bench-" + i);
            users.add(address);
            return "ya29.bench-" + i;
        }

        @Override
        public Map<String, String> settings(String address, int port) {
            return new HashMap<>(Map.of("emailAddress", address, "apiRootUrl", "http://127.0.0.1:" + port + "/"));
        }

        @Override
        public String pushKey(String address, int i) {
            return address;
        }

        @Override
        public void subscribe(ChangeSubscriptions session, HookEndpoint hooks, int i) throws ConnectorException {
            if (!topicReady) {
                gmail.pubSub().pushTo(TOPIC, hooks.url("/pubsub"), () -> Optional.of("oidc-bench"));
                topicReady = true;
            }
            session.create(SubscriptionRequest.toTopic(TOPIC, Instant.now().plus(Duration.ofDays(7))));
        }

        @Override
        public void deliver(int mailbox, int seq) {
            gmail.deliver(users.get(mailbox), message(seq));
        }

        @Override
        public long units() {
            return users.stream().mapToLong(u -> gmail.quota().totalUnits(u)).sum();
        }

        @Override
        public void close() {
            gmail.close();
        }
    }

    private static final class GraphProvider implements Provider {
        private final GraphDouble graph = GraphDouble.start();
        private final GraphConnectorFactory factory = new GraphConnectorFactory();
        private final List<String> users = new ArrayList<>();

        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", graph.port());
        }

        @Override
        public ConnectorFactory factory() {
            return factory;
        }

        @Override
        public String addUser(String address, int i) {
            String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.bench-" + i;
            graph.addMailbox(address, token);
            users.add(address);
            return token;
        }

        @Override
        public Map<String, String> settings(String address, int port) {
            return new HashMap<>(Map.of("mailbox", address, "baseUrl", "http://127.0.0.1:" + port + "/v1.0"));
        }

        @Override
        public String pushKey(String address, int i) {
            return "bench-state-" + i;
        }

        @Override
        public void subscribe(ChangeSubscriptions session, HookEndpoint hooks, int i) throws ConnectorException {
            session.create(new SubscriptionRequest(hooks.url("/graph/notifications"), hooks.url("/graph/lifecycle"),
                    "bench-state-" + i, Instant.now().plus(Duration.ofDays(2))));
        }

        @Override
        public void deliver(int mailbox, int seq) {
            graph.deliver(users.get(mailbox), message(seq));
        }

        @Override
        public long units() {
            return 0;
        }

        @Override
        public void close() {
            graph.close();
        }
    }

    /**
     * The server's push endpoints, reduced to what reaches the sync loop: a Pub/Sub push names the Gmail
     * address, a Graph notification its clientState (the validation handshake is answered).
     */
    private static final class HookEndpoint implements AutoCloseable {
        private final HttpServer server;
        private final java.util.function.Consumer<String> hint;

        HookEndpoint(java.util.function.Consumer<String> hint) throws IOException {
            this.hint = hint;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            server.createContext("/", this::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (query != null && query.startsWith("validationToken=")) {
                    byte[] answer = URLDecoder.decode(query.substring("validationToken=".length()), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                    return;
                }
                JsonNode json = JSON.readTree(body);
                if (exchange.getRequestURI().getPath().equals("/pubsub")) {
                    JsonNode data = JSON.readTree(Base64.getDecoder().decode(json.path("message").path("data").asText()));
                    hint.accept(data.path("emailAddress").asText());
                } else if (exchange.getRequestURI().getPath().equals("/graph/notifications")) {
                    for (JsonNode n : json.path("value")) {
                        hint.accept(n.path("clientState").asText());
                    }
                }
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/pubsub") ? 204 : 202, -1);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
