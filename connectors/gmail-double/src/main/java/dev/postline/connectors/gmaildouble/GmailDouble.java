package dev.postline.connectors.gmaildouble;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A stateful double of the Gmail API on {@code 127.0.0.1}, written from the public reference: mailboxes
 * per user with labels, threads and history; the endpoints a mail connector uses (see {@link Endpoint});
 * bearer tokens per user; Gmail's documented error bodies; fault injection ({@link #faults()}); a per-user
 * quota meter ({@link #quota()}); and a log of every request ({@link #requests()}).
 *
 * <p>Mail sent through it is stored in the sender's mailbox with label {@code SENT} and delivered, with
 * Bcc removed, to the INBOX of every To/Cc/Bcc address (mailboxes of unknown addresses are created on
 * first use, so a test can read what "the customer" received).
 *
 * <p>It accepts requests as Google's Java client sends them: gzip-compressed bodies, its User-Agent and
 * {@code x-goog-api-client} headers, and the three upload types of {@code messages.send} (media, multipart,
 * resumable). Answers are never gzip-compressed (a server may always answer with identity encoding), so
 * that tests cutting a connection after so many bytes cut where they mean to.
 *
 * <p>Push: {@code users.watch} / {@code users.stop} keep one {@link Watch} per mailbox (seven days on the
 * double's clock); a message added to a watched mailbox that the watch's label filter reports is published to
 * the watch's topic in {@link #pubSub()}, which pushes it to the endpoint a test configured, while the watch
 * has not lapsed.
 *
 * <p>Not modelled: label changes and deletions in history, threads/drafts/labels resources, batch
 * requests, {@code format=full/metadata}.
 */
public final class GmailDouble implements AutoCloseable {

    private final HttpServer server;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private volatile Function<String, Optional<String>> issuer = token -> Optional.empty();
    private final Faults faults = new Faults();
    private final ResumableUploads resumable = new ResumableUploads();
    private final QuotaMeter quota;
    private final List<LoggedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final PubSub pubSub;

    private GmailDouble(Clock clock) throws IOException {
        this.clock = clock;
        this.quota = new QuotaMeter(clock);
        this.pubSub = new PubSub(clock);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static GmailDouble start() {
        return start(Clock.systemUTC());
    }

    /** With a clock for internal dates and the quota window (tests move it instead of sleeping). */
    public static GmailDouble start(Clock clock) {
        try {
            return new GmailDouble(clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value for a client's root URL, e.g. {@code http://127.0.0.1:41234/}. */
    public String rootUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** Creates {@code address}'s mailbox (if needed) and lets {@code accessTokens} act as that user. */
    public Mailbox addUser(String address, String... accessTokens) {
        Mailbox mailbox = mailbox(address);
        for (String token : accessTokens) {
            tokens.put(token, mailbox.address());
        }
        return mailbox;
    }

    /** From now on {@code token} is refused with 401, as after expiry or revocation. */
    public void revokeToken(String token) {
        tokens.remove(token);
        revoked.add(token);
    }

    /**
     * Trusts an authorization server as Google's API trusts Google's: a token not registered with
     * {@link #addUser} acts as the user {@code whoseToken} names (e.g. from the JWT's subject of a
     * local OAuth server), whose mailbox is created on first use. Revoked tokens stay refused.
     */
    public void trustTokens(Function<String, Optional<String>> whoseToken) {
        this.issuer = whoseToken;
    }

    public Mailbox mailbox(String address) {
        return mailboxes.computeIfAbsent(address.toLowerCase(Locale.ROOT), a -> new Mailbox(a, ids));
    }

    /** Delivers {@code raw} into {@code address}'s INBOX (unread), received now. */
    public StoredMessage deliver(String address, byte[] raw) {
        return deliver(address, raw, clock.instant());
    }

    public StoredMessage deliver(String address, byte[] raw, Instant receivedAt) {
        Mailbox mailbox = mailbox(address);
        StoredMessage stored = mailbox.add(raw, List.of("INBOX", "UNREAD"), null, receivedAt.toEpochMilli());
        notifyWatch(mailbox, stored);
        return stored;
    }

    /** Cloud Pub/Sub as far as Gmail push needs it: topics, their push subscriptions, push faults. */
    public PubSub pubSub() {
        return pubSub;
    }

    /** {@code address}'s watch as the last {@code users.watch} set it (also after it lapsed); empty after stop. */
    public Optional<Watch> watchOf(String address) {
        return Optional.ofNullable(watches.get(address.toLowerCase(Locale.ROOT)));
    }

    /** Gmail publishes a change the live watch reports: the address and the mailbox's history id after it. */
    private void notifyWatch(Mailbox mailbox, StoredMessage added) {
        Watch watch = watches.get(mailbox.address());
        if (watch != null && watch.liveAt(clock.instant()) && watch.reports(added.labelIds())) {
            pubSub.publish(watch.topic(), mailbox.address(), added.historyId());
        }
    }

    /** Raw messages in {@code address}'s INBOX, oldest first. */
    public List<byte[]> inbox(String address) {
        return mailbox(address).withLabel("INBOX").stream().map(StoredMessage::raw).toList();
    }

    /** Messages {@code address} sent, oldest first. */
    public List<StoredMessage> sent(String address) {
        return mailbox(address).withLabel("SENT");
    }

    public Faults faults() {
        return faults;
    }

    public QuotaMeter quota() {
        return quota;
    }

    public List<LoggedRequest> requests() {
        return List.copyOf(requests);
    }

    public long count(Endpoint endpoint) {
        return requests.stream().filter(r -> r.endpoint() == endpoint).count();
    }

    private StoredMessage send(String user, byte[] raw, String threadId) {
        List<String> recipients = MimeHeaders.recipients(raw);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("Recipient address required");
        }
        Mailbox sender = mailbox(user);
        StoredMessage sent = sender.add(raw, List.of("SENT"), threadId, clock.millis());
        notifyWatch(sender, sent);
        byte[] delivered = MimeHeaders.withoutBcc(raw);
        recipients.forEach(r -> deliver(r, delivered));
        return sent;
    }

    private void handle(HttpExchange exchange) {
        Optional<Route> route = Route.of(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
        String[] user = {""};
        HttpCall call = new HttpCall(exchange, answered -> log(answered, route, user[0]));
        try {
            if (route.isEmpty()) {
                call.error(new Fault(404, "global", "notFound", "Not Found", null, null));
                return;
            }
            user[0] = authenticated(call).orElse("");
            if (user[0].isEmpty()) {
                call.error(Fault.unauthorized());
                return;
            }
            serve(call, route.get(), user[0]);
        } catch (IllegalArgumentException e) {
            answerQuietly(call, Fault.badRequest(e.getMessage()));
        } catch (IOException e) {
            // The client went away (or a connection was cut on purpose): nothing to answer.
        } catch (RuntimeException e) {
            // A bug in the double shows as a 500 rather than as a dropped connection.
            if (!call.answered()) {
                answerQuietly(call, Fault.serverError(500));
            }
        } finally {
            if (!call.answered()) {
                log(call, route, user[0]);
            }
            exchange.close();
        }
    }

    private void log(HttpCall call, Optional<Route> route, String user) {
        requests.add(new LoggedRequest(call.method(), call.path(), call.queryForLog(),
                route.map(Route::endpoint).orElse(null), user, call.status(), call.bodyBytes()));
    }

    private void serve(HttpCall call, Route route, String user) throws IOException {
        if (!route.userId().equals("me") && !route.userId().equalsIgnoreCase(user)) {
            call.error(new Fault(403, "global", "forbidden", "Delegation denied for " + user, null, null));
            return;
        }
        Optional<Fault> fault = faults.take(route.endpoint());
        if (fault.isEmpty() && route.endpoint() == Endpoint.MESSAGES_GET) {
            fault = faults.forMessage(route.messageId());
        }
        if (fault.isPresent()) {
            call.error(fault.get());
            return;
        }
        // The bytes of a resumable upload (PUT to the session) belong to the method call its POST opened and paid.
        boolean uploadContinues = call.method().equals("PUT");
        Optional<Instant> overQuota = uploadContinues ? Optional.empty() : quota.charge(user, route.endpoint().units());
        if (overQuota.isPresent()) {
            call.error(new Fault(429, "usageLimits", "rateLimitExceeded", "User-rate limit exceeded.", null, overQuota.get()));
            return;
        }
        Mailbox mailbox = mailbox(user);
        switch (route.endpoint()) {
            case PROFILE -> ReadEndpoints.profile(call, mailbox);
            case HISTORY_LIST -> ReadEndpoints.history(call, mailbox);
            case MESSAGES_LIST -> ReadEndpoints.list(call, mailbox);
            case MESSAGES_GET -> ReadEndpoints.get(call, mailbox, route.messageId());
            case MESSAGES_SEND -> SendEndpoints.send(call, user, this::send);
            case UPLOAD_SEND -> SendEndpoints.upload(call, user, this::send, resumable);
            case WATCH -> WatchEndpoints.watch(call, mailbox, watches, pubSub, clock);
            case STOP -> WatchEndpoints.stop(call, mailbox, watches);
        }
    }

    private Optional<String> authenticated(HttpCall call) {
        String header = call.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        String user = tokens.get(token);
        if (user != null || revoked.contains(token)) {
            return Optional.ofNullable(user);
        }
        return issuer.apply(token).map(address -> mailbox(address).address());
    }

    private static void answerQuietly(HttpCall call, Fault fault) {
        try {
            call.error(fault);
        } catch (IOException | RuntimeException ignored) {
            // the client is gone
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pubSub.close();
    }
}
