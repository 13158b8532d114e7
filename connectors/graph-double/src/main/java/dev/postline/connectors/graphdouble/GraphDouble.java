package dev.postline.connectors.graphdouble;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stateful double of the Microsoft Graph v1.0 mail endpoints on {@code 127.0.0.1:<free port>}, written
 * from the public reference: {@code /me}, message delta on a folder (pages with {@code @odata.nextLink},
 * a final {@code @odata.deltaLink}; {@code Prefer: odata.maxpagesize} and {@code IdType="ImmutableId"},
 * echoed in {@code Preference-Applied}; {@code $filter=receivedDateTime ge|gt}; {@code changeType}),
 * MIME download ({@code $value}), drafts created from base64 MIME, {@code send}, {@code sendMail}, and a
 * folder listing filtered by {@code internetMessageId}.
 *
 * <p>Each mailbox is found by the bearer token of the request. Sent mail is delivered to recipients that
 * are mailboxes of the double and recorded for every recipient ({@link #receivedBy}).
 *
 * <p>Change notifications: {@code POST/PATCH/DELETE /subscriptions} with Graph's validation handshake
 * (the notification and lifecycle URLs must echo a {@code validationToken} within 10 seconds, else
 * {@code 400}), expiry enforced (at most 4,230 minutes; an expired subscription is gone), a change
 * notification to the subscriber for every message created in a watched folder, and lifecycle events on
 * demand ({@link #sendLifecycleEvent}); notifications can be dropped ({@link #dropNextNotifications}) and
 * creation refused ({@link #failNext} with {@link RequestKind#CREATE_SUBSCRIPTION}).
 *
 * <p>Failure modes: expired delta tokens ({@link GraphMailbox#invalidateDeltaTokens}, a bounded token
 * cache, 410 or 400 {@code syncStateNotFound}), armed faults ({@link #failNext}: 429/503 with
 * {@code Retry-After}, 401, 5xx), and Outlook's limit of {@value #MAILBOX_CONCURRENCY_LIMIT} concurrent
 * requests per mailbox (answered 429 {@code ApplicationThrottled}, and metered).
 */
public final class GraphDouble implements AutoCloseable {

    public static final int MAILBOX_CONCURRENCY_LIMIT = 4;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Clock clock;
    private final Map<String, GraphMailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private volatile Function<String, Optional<String>> issuer = token -> Optional.empty();
    private final Map<String, List<byte[]>> received = new ConcurrentHashMap<>();
    private final List<LoggedRequest> requests = new CopyOnWriteArrayList<>();
    private final FaultPlan faults = new FaultPlan();
    private final Subscriptions subscriptions;
    private volatile Duration responseDelay = Duration.ZERO;

    private GraphDouble(Clock clock) {
        this.clock = clock;
        this.subscriptions = new Subscriptions(clock, executor);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", new GraphApi(this));
        server.setExecutor(executor);
        server.start();
    }

    public static GraphDouble start() {
        return new GraphDouble(Clock.systemUTC());
    }

    /**
     * With its own clock, e.g. one a test moves together with the application's: subscription expiry
     * (and received times of delivered mail) follow it.
     */
    public static GraphDouble start(Clock clock) {
        return new GraphDouble(clock);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/v1.0}, the root every Graph path is appended to. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + GraphRequest.VERSION;
    }

    /** Creates a mailbox reachable with {@code token}; mail and userPrincipalName are {@code address}. */
    public GraphMailbox addMailbox(String address, String token) {
        GraphMailbox mailbox = mailboxes.computeIfAbsent(GraphMailbox.normalize(address), a -> new GraphMailbox(address, clock, subscriptions));
        grantToken(address, token);
        return mailbox;
    }

    /** Another valid access token for an existing mailbox (e.g. after a refresh). */
    public void grantToken(String address, String token) {
        tokens.put(token, GraphMailbox.normalize(address));
    }

    /** The token is refused from now on with {@code 401 InvalidAuthenticationToken}. */
    public void revokeToken(String token) {
        tokens.remove(token);
        revoked.add(token);
    }

    /**
     * Trusts an authorization server as Graph trusts Entra ID: a token not granted with
     * {@link #addMailbox}/{@link #grantToken} opens the mailbox {@code whoseToken} names (e.g. from
     * the JWT's subject of a local OAuth server), if that mailbox exists. Revoked tokens stay refused.
     */
    public void trustTokens(Function<String, Optional<String>> whoseToken) {
        this.issuer = whoseToken;
    }

    public GraphMailbox mailbox(String address) {
        GraphMailbox mailbox = mailboxes.get(GraphMailbox.normalize(address));
        if (mailbox == null) {
            throw new IllegalArgumentException("no mailbox " + address);
        }
        return mailbox;
    }

    /** Delivers into {@code address}'s inbox; returns the immutable id. */
    public String deliver(String address, byte[] raw) {
        return mailbox(address).deliver(raw);
    }

    /** Everything sent through the double to {@code address}, in order of sending. */
    public List<byte[]> receivedBy(String address) {
        return List.copyOf(received.getOrDefault(GraphMailbox.normalize(address), List.of()));
    }

    /** Answers the next {@code times} requests of {@code kind} ({@code null} = any kind) with {@code fault}. */
    public void failNext(RequestKind kind, Fault fault, int times) {
        faults.arm(kind, fault, times);
    }

    public void failNext(RequestKind kind, Fault fault) {
        failNext(kind, fault, 1);
    }

    /**
     * Every download of one message's MIME ({@code GET /me/messages/{id}/$value}) answers {@code fault}
     * while other messages are served, until {@link #clearFaults()}: a message the service cannot read.
     */
    public void failMessage(String messageId, Fault fault) {
        faults.failMessage(messageId, fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Holds every authenticated request this long (inside the concurrency meter) so bursts overlap. */
    public void slowDown(Duration perRequest) {
        this.responseDelay = perRequest;
    }

    /** Every request answered so far, oldest first. */
    public List<LoggedRequest> requests() {
        return new ArrayList<>(requests);
    }

    public List<LoggedRequest> requests(RequestKind kind) {
        return requests.stream().filter(r -> r.kind() == kind).toList();
    }

    public void clearRequestLog() {
        requests.clear();
    }

    // ---- change notifications -------------------------------------------------------------------

    /** Every live subscription (not deleted, removed or expired), of every mailbox. */
    public List<GraphSubscription> subscriptions() {
        return subscriptions.all();
    }

    /** The live subscriptions created with {@code address}'s token. */
    public List<GraphSubscription> subscriptionsOf(String address) {
        String normalized = GraphMailbox.normalize(address);
        return subscriptions.all().stream().filter(s -> s.mailbox().equals(normalized)).toList();
    }

    /** Every validation request, change notification and lifecycle notification sent so far, with its answer. */
    public List<SentNotification> sentNotifications() {
        return subscriptions.subscribers().sent();
    }

    /** The next {@code count} change notifications are not sent (recorded as dropped), as when Graph loses some. */
    public void dropNextNotifications(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        subscriptions.dropNext(count);
    }

    /**
     * Sends a lifecycle notification for the subscription to its lifecycle URL, now, and returns the
     * subscriber's HTTP status. {@code subscriptionRemoved} removes the subscription first;
     * {@code reauthorizationRequired} withholds its change notifications until it is renewed.
     */
    public int sendLifecycleEvent(String subscriptionId, LifecycleEvent event) {
        return subscriptions.lifecycle(subscriptionId, event);
    }

    Subscriptions subscriptionBook() {
        return subscriptions;
    }

    // ---- for the HTTP front ---------------------------------------------------------------------

    Optional<GraphMailbox> mailboxForToken(String token) {
        String address = tokens.get(token);
        if (address == null && !revoked.contains(token)) {
            address = issuer.apply(token).map(GraphMailbox::normalize).orElse(null);
        }
        return Optional.ofNullable(address).map(mailboxes::get);
    }

    FaultPlan faults() {
        return faults;
    }

    Duration responseDelay() {
        return responseDelay;
    }

    void log(LoggedRequest request) {
        requests.add(request);
    }

    /** Hands a sent message to its recipients (To, Cc, Bcc), as a recipient would receive it. */
    void transmit(GraphMessage sent) {
        byte[] delivered = MimeSummary.asDelivered(sent.rawUnsafe(), sent.internetMessageId());
        List<String> recipients = new ArrayList<>(sent.to());
        recipients.addAll(sent.cc());
        recipients.addAll(sent.bcc());
        recipients.stream().map(GraphMailbox::normalize).distinct().forEach(address -> {
            GraphMailbox local = mailboxes.get(address);
            if (local != null) {
                local.deliver(delivered);
            }
            received.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(delivered);
        });
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        subscriptions.close();
    }
}
