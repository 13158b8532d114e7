package dev.postline.server.push;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.postline.connectors.graphdouble.GraphDouble;
import dev.postline.connectors.graphdouble.GraphSubscription;
import dev.postline.connectors.graphdouble.LifecycleEvent;
import dev.postline.connectors.graphdouble.LoggedRequest;
import dev.postline.connectors.graphdouble.RequestKind;
import dev.postline.connectors.graphdouble.SentNotification;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.push.PushSubscriptionRecord;
import dev.postline.core.push.PushSubscriptionRepository;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.token.OAuthGrant;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.TokenService;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.MutableClock;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Issue #7, change notifications end to end: Microsoft 365 touchpoints syncing against the Graph double
 * with push on ({@code postline.push.graph.notification-base-url} = this server) and a poll of ten
 * minutes, so anything that arrives within seconds was woken by a notification. The double performs
 * Graph's validation handshake against the real endpoint, posts a change notification for each new mail,
 * and sends lifecycle events and drops notifications on demand. The application's clock and the double's
 * move together ({@link MutableClock}) for expiry and renewal.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphPushEndToEndTest implements PostlineTestProperties {

    static final int PORT = freePort();
    static final AtomicReference<Clock> APP_CLOCK = new AtomicReference<>(Clock.systemUTC());
    static final GraphDouble GRAPH = GraphDouble.start(new FollowingClock());
    static final ListAppender<ILoggingEvent> LOGS = captureLogs();
    static final Duration SOON = Duration.ofSeconds(15);
    static final String LONG_POLL = "600";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject MutableClock clock;
    @Inject TokenService tokens;
    @Inject PushSubscriptionRepository subscriptions;
    @Inject TenantTransactions tx;

    Http http;
    TenantFixture a;
    TenantFixture b;
    final HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Map<String, String> extraProperties() {
        return Map.ofEntries(
                Map.entry("micronaut.server.port", Integer.toString(PORT)),
                Map.entry("postline.push.graph.notification-base-url", "http://127.0.0.1:" + PORT),
                Map.entry("postline.push.graph.check-interval", "300ms"),
                Map.entry("postline.push.graph.initial-delay", "1s"),
                Map.entry("postline.push.graph.retry-after-failure", "2s"),
                Map.entry("test.mutable-clock", "true"),
                Map.entry("postline.oauth.keep-alive.enabled", "false"),
                Map.entry("postline.sync.enabled", "true"),
                Map.entry("postline.sync.allow-private-networks", "true"),
                Map.entry("postline.sync.extra-ports", Integer.toString(GRAPH.port())),
                Map.entry("postline.sync.rescan-interval", "200ms"),
                Map.entry("postline.sync.max-backoff", "500ms"),
                // The reconciliation deadline is long too: only a notification can bring mail within seconds.
                Map.entry("postline.sync.reconcile-interval", "10m"));
    }

    @BeforeAll
    void tenants() {
        APP_CLOCK.set(clock);
        http = new Http(server.getURI(), json);
        a = TenantFixture.create(http, "push-a");
        b = TenantFixture.create(http, "push-b");
    }

    @AfterAll
    void stop() {
        GRAPH.close();
        raw.close();
    }

    @Test
    void withALongPollADeliveredMailBecomesAConversationWithinSecondsWokenByTheNotification() throws Exception {
        Box box = graphTouchpoint(a, "sales@push-a.example.com", LONG_POLL);

        deliver(box, "woken");

        awaitConversation(box, "woken", SOON);
        assertThat(GRAPH.sentNotifications()).as("the server acknowledged the notification with 202")
                .anySatisfy(n -> assertThat(n).isEqualTo(new SentNotification("created", box.subscription().id(),
                        URI.create("http://127.0.0.1:" + PORT + "/hooks/graph/notifications"), 202)));
        assertThat(GRAPH.sentNotifications()).filteredOn(n -> n.kind().equals("validation")).extracting(SentNotification::url)
                .contains(URI.create("http://127.0.0.1:" + PORT + "/hooks/graph/notifications"),
                        URI.create("http://127.0.0.1:" + PORT + "/hooks/graph/lifecycle"));
        PushSubscriptionRecord row = row(a, box).orElseThrow();
        assertThat(row.subscriptionId()).isEqualTo(box.subscription().id());
        assertThat(row.clientStateHash()).as("only a hash is stored").hasSize(64).isNotEqualTo(box.subscription().clientState())
                .doesNotContain(box.subscription().clientState());
    }

    @Test
    void aNotificationWithAWrongClientStateWakesNothing_theSameWithTheRightOneWakesTheLoop() throws Exception {
        Box box = graphTouchpoint(a, "wrongstate@push-a.example.com", LONG_POLL);
        deliverUnnotified(box, "forged");
        long polls = deltaRequests(box);

        assertThat(notify(box.subscription().id(), "not-the-client-state").statusCode()).isEqualTo(202);
        assertThat(notify(box.subscription().id(), null).statusCode()).isEqualTo(202);

        Thread.sleep(3_000);
        assertThat(conversations(a, box)).as("nothing woke the loop").isEmpty();
        assertThat(deltaRequests(box)).as("not even a poll").isEqualTo(polls);
        assertThat(logs()).anyMatch(line -> line.contains("ignored: the clientState does not match")
                && line.contains(box.subscription().id()));

        assertThat(notify(box.subscription().id(), box.subscription().clientState()).statusCode()).isEqualTo(202);
        awaitConversation(box, "forged", SOON);
        assertThat(logs()).as("client states never reach the log").noneMatch(line -> line.contains(box.subscription().clientState())
                || line.contains("not-the-client-state"));
    }

    @Test
    void reauthorizationRequiredRenewsTheSubscription_andNotificationsFlowAgain() throws Exception {
        Box box = graphTouchpoint(a, "reauth@push-a.example.com", LONG_POLL);

        assertThat(GRAPH.sendLifecycleEvent(box.subscription().id(), LifecycleEvent.REAUTHORIZATION_REQUIRED)).isEqualTo(202);

        Eventually.await("the renewal", SOON, () -> box.subscription().renewals() == 1 && !box.subscription().reauthorizationRequired());
        Eventually.await("the renewal recorded", SOON, () -> row(a, box).map(r -> r.renewedAt() != null).orElse(false));
        assertThat(GRAPH.subscriptionsOf(box.address())).extracting(GraphSubscription::id).containsExactly(box.subscription().id());
        deliver(box, "after-reauth");
        awaitConversation(box, "after-reauth", SOON);
    }

    @Test
    void subscriptionRemovedLeadsToANewSubscription_whichWakesTheLoopAgain() throws Exception {
        Box box = graphTouchpoint(a, "removed@push-a.example.com", LONG_POLL);

        assertThat(GRAPH.sendLifecycleEvent(box.subscription().id(), LifecycleEvent.SUBSCRIPTION_REMOVED)).isEqualTo(202);

        GraphSubscription replacement = Eventually.await("a new subscription", SOON, () -> GRAPH.subscriptionsOf(box.address())
                .stream().filter(s -> !s.id().equals(box.subscription().id())).findFirst().orElse(null));
        Eventually.await("the row names the new subscription", SOON,
                () -> row(a, box).map(r -> r.subscriptionId().equals(replacement.id())).orElse(false));
        awaitQuiet(box);
        deliver(box, "after-removal");
        awaitConversation(box, "after-removal", SOON);
    }

    @Test
    void missedWakesTheSync_whichFindsTheMailThroughTheDeltaLink() throws Exception {
        Box box = graphTouchpoint(a, "missed@push-a.example.com", LONG_POLL);
        deliverUnnotified(box, "missed");
        Thread.sleep(1_000);
        assertThat(conversations(a, box)).isEmpty();

        assertThat(GRAPH.sendLifecycleEvent(box.subscription().id(), LifecycleEvent.MISSED)).isEqualTo(202);

        awaitConversation(box, "missed", SOON);
    }

    @Test
    void aDroppedNotificationIsStillPickedUpByTheReconciliationPoll() throws Exception {
        Box box = graphTouchpoint(a, "dropped@push-a.example.com", "2");

        deliverUnnotified(box, "dropped");

        awaitConversation(box, "dropped", Duration.ofSeconds(30));
        assertThat(GRAPH.sentNotifications()).filteredOn(n -> box.subscription().id().equals(n.subscriptionId()))
                .extracting(SentNotification::status).containsExactly(SentNotification.DROPPED);
    }

    @Test
    void subscriptionsAreRenewedBeforeTheyExpire_andRecreatedWhenTheyAreGone() throws Exception {
        Box box = graphTouchpoint(a, "renewal@push-a.example.com", LONG_POLL);
        Instant firstExpiry = box.subscription().expiresAt();
        assertThat(firstExpiry).isAfter(clock.instant().plus(Duration.ofHours(70)))
                .isBefore(clock.instant().plus(Duration.ofMinutes(4230)));

        clock.advance(Duration.ofHours(50)); // more than 12 hours left: nothing to do yet
        Thread.sleep(1_500);
        assertThat(box.subscription().renewals()).isZero();

        clock.advance(Duration.ofHours(10)); // now less than 12 hours left
        Eventually.await("the renewal", SOON, () -> box.subscription().renewals() == 1);
        Eventually.await("the renewal recorded", SOON, () -> row(a, box).map(r -> r.expiresAt().isAfter(firstExpiry)).orElse(false));
        assertThat(box.subscription().expiresAt()).isAfter(clock.instant().plus(Duration.ofHours(70)));

        clock.advance(Duration.ofHours(80)); // past even the renewed expiry: Graph has dropped it
        GraphSubscription replacement = Eventually.await("a new subscription", SOON, () -> GRAPH.subscriptionsOf(box.address())
                .stream().findFirst().filter(s -> !s.id().equals(box.subscription().id())).orElse(null));
        Eventually.await("the row names it", SOON, () -> row(a, box).map(r -> r.subscriptionId().equals(replacement.id())).orElse(false));
        awaitQuiet(box);
        deliver(box, "after-expiry");
        awaitConversation(box, "after-expiry", SOON);
    }

    @Test
    void disablingATouchpointDeletesItsSubscription_enablingSubscribesAgain_deletingDeletesItFirst() throws Exception {
        Box box = graphTouchpoint(a, "lifecycle@push-a.example.com", LONG_POLL);

        expect(http.patch("/api/v1/touchpoints/" + box.id(), a.admin(), Map.of("enabled", false)), 200);
        Eventually.await("the subscription deleted at Graph", SOON, () -> GRAPH.subscriptionsOf(box.address()).isEmpty());
        Eventually.await("and here", SOON, () -> row(a, box).isEmpty());

        expect(http.patch("/api/v1/touchpoints/" + box.id(), a.admin(), Map.of("enabled", true)), 200);
        GraphSubscription again = Eventually.await("subscribed again", SOON,
                () -> GRAPH.subscriptionsOf(box.address()).stream().findFirst().orElse(null));
        assertThat(again.id()).isNotEqualTo(box.subscription().id());

        expect(http.delete("/api/v1/touchpoints/" + box.id(), a.admin()), 204);
        assertThat(GRAPH.subscriptionsOf(box.address())).as("deleted before the touchpoint (and its grant) went").isEmpty();
        assertThat(GRAPH.requests(RequestKind.DELETE_SUBSCRIPTION)).filteredOn(r -> box.address().equals(r.mailbox()))
                .extracting(LoggedRequest::status).containsExactly(204, 204);
        Thread.sleep(1_500);
        assertThat(GRAPH.subscriptionsOf(box.address())).as("not recreated by a check running meanwhile").isEmpty();
    }

    @Test
    void aNotificationNamingTenantAsSubscriptionNeverTouchesTenantB() throws Exception {
        Box boxA = graphTouchpoint(a, "iso@push-a.example.com", LONG_POLL);
        Box boxB = graphTouchpoint(b, "iso@push-b.example.com", LONG_POLL);
        deliverUnnotified(boxB, "isolated");
        long pollsA = deltaRequests(boxA);
        long pollsB = deltaRequests(boxB);

        notify(boxA.subscription().id(), boxA.subscription().clientState()); // genuine for A: A looks, finds nothing
        notify(boxA.subscription().id(), boxB.subscription().clientState()); // A's id with B's secret
        notify(boxB.subscription().id(), boxA.subscription().clientState()); // B's id with A's secret
        notify("AAkALg-" + UUID.randomUUID(), boxB.subscription().clientState()); // an id nobody has

        Eventually.await("A woken by its own notification", SOON, () -> deltaRequests(boxA) > pollsA);
        Thread.sleep(2_000);
        assertThat(deltaRequests(boxB)).as("tenant B's loop was never woken").isEqualTo(pollsB);
        assertThat(conversations(b, boxB)).isEmpty();
        assertThat(conversations(a, boxA)).isEmpty();

        notify(boxB.subscription().id(), boxB.subscription().clientState());
        awaitConversation(boxB, "isolated", SOON);
        assertThat(conversations(a, boxA)).as("nothing of B's reached A").isEmpty();
    }

    @Test
    void theEndpointsEchoTheValidationTokenAsTextAndRefuseWhatIsNotANotification() throws Exception {
        String token = "Validation: Testing client application reachability for subscription Request-Id: <script>x</script>";
        for (String path : List.of("/hooks/graph/notifications", "/hooks/graph/lifecycle")) {
            HttpResponse<String> echoed = post(path + "?validationToken=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8),
                    "text/plain", "");
            assertThat(echoed.statusCode()).isEqualTo(200);
            assertThat(echoed.body()).isEqualTo(token);
            assertThat(echoed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(echoed.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

            assertThat(post(path, "application/json", "{\"value\": 3}").statusCode()).isEqualTo(400);
            assertThat(post(path, "application/json", "not json").statusCode()).isEqualTo(400);
            assertThat(post(path, "application/json", "").statusCode()).isEqualTo(400);
            assertThat(post(path, "application/json", "{\"value\":[" + "{},".repeat(1000) + "{}]}").statusCode()).isEqualTo(400);
            assertThat(post(path, "application/json", "{\"value\":[],\"pad\":\"" + "x".repeat(300_000) + "\"}").statusCode())
                    .isEqualTo(413);
            assertThat(post(path, "application/json", "{\"value\":[]}").statusCode()).isEqualTo(202);
        }
        assertThat(post("/hooks/graph/notifications?validationToken=", "text/plain", "").statusCode()).isEqualTo(400);
        assertThat(raw.send(HttpRequest.newBuilder(URI.create(server.getURI() + "/hooks/graph/notifications")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(401, 404, 405);
    }

    // ---- fixtures --------------------------------------------------------------------------------

    /** A Graph touchpoint of {@code t} on the double, its subscription created and its loop pausing. */
    private record Box(TenantFixture tenant, String id, String address, GraphSubscription subscription) {}

    private Box graphTouchpoint(TenantFixture t, String address, String pollSeconds) throws Exception {
        String token = "at-" + UUID.randomUUID();
        GRAPH.addMailbox(address, token);
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", "Push " + address,
                "connector", "graph", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", Map.of("baseUrl", GRAPH.baseUrl(), "pollIntervalSeconds", pollSeconds))), 201).string("id");
        Instant now = clock.instant();
        tokens.storeGrant(TenantId.parse(t.tenantId()), UUID.fromString(id), new OAuthGrant(OAuthProvider.MICROSOFT,
                "refresh-" + UUID.randomUUID(), token, now.plus(Duration.ofDays(3650)),
                Set.of("Mail.ReadWrite", "Mail.Send", "offline_access", "User.Read"), address, now, now));
        Eventually.await("CONNECTED", SOON, () -> "CONNECTED".equals(http.get("/api/v1/touchpoints/" + id, t.admin())
                .string("connectionState")));
        GraphSubscription subscription = Eventually.await("the subscription", SOON,
                () -> GRAPH.subscriptionsOf(address).stream().findFirst().orElse(null));
        Box box = new Box(t, id, address, subscription);
        Eventually.await("the row", SOON, () -> row(t, box).isPresent());
        awaitQuiet(box);
        return box;
    }

    /** Until the loop pauses in its long poll (no delta request for a second and a half). */
    private void awaitQuiet(Box box) throws InterruptedException {
        long before;
        long after = deltaRequests(box);
        do {
            before = after;
            Thread.sleep(1_500);
            after = deltaRequests(box);
        } while (after != before);
    }

    private void deliver(Box box, String marker) {
        GRAPH.deliver(box.address(), MailboxServer.customerMail("customer-" + marker + "@example.org", box.address(),
                "<" + marker + "." + UUID.randomUUID() + "@example.org>", "Question " + marker, "Hello " + marker, List.of())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Delivers with the change notification dropped by the double, and waits until it was. */
    private void deliverUnnotified(Box box, String marker) {
        GRAPH.dropNextNotifications(1);
        deliver(box, marker);
        Eventually.await("the notification dropped", SOON, () -> GRAPH.sentNotifications().stream()
                .anyMatch(n -> box.subscription().id().equals(n.subscriptionId()) && n.status() == SentNotification.DROPPED));
    }

    private HttpResponse<String> notify(String subscriptionId, String clientState) throws Exception {
        String item = "{\"subscriptionId\":\"" + subscriptionId + "\","
                + (clientState == null ? "" : "\"clientState\":\"" + clientState + "\",")
                + "\"changeType\":\"created\",\"resource\":\"Users/x/Messages/y\",\"tenantId\":\"" + UUID.randomUUID() + "\","
                + "\"subscriptionExpirationDateTime\":\"2030-01-01T00:00:00Z\",\"resourceData\":{\"id\":\"y\"}}";
        return post("/hooks/graph/notifications", "application/json", "{\"value\":[" + item + "]}");
    }

    private HttpResponse<String> post(String pathAndQuery, String contentType, String body) throws Exception {
        return raw.send(HttpRequest.newBuilder(URI.create(server.getURI() + pathAndQuery)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long deltaRequests(Box box) {
        return GRAPH.requests(RequestKind.DELTA).stream().filter(r -> box.address().equals(r.mailbox())).count();
    }

    private Optional<PushSubscriptionRecord> row(TenantFixture t, Box box) {
        TenantId tenant = TenantId.parse(t.tenantId());
        return tx.read(tenant, () -> subscriptions.findByTenantIdAndTouchpointId(tenant.value(), UUID.fromString(box.id())));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> conversations(TenantFixture t, Box box) {
        return (List<Map<String, Object>>) expect(http.get("/api/v1/conversations?touchpointId=" + box.id(), t.admin()), 200)
                .map().get("items");
    }

    private void awaitConversation(Box box, String marker, Duration within) {
        Eventually.await("the conversation '" + marker + "'", within, () -> conversations(box.tenant(), box).stream()
                .anyMatch(c -> String.valueOf(c.get("subject")).contains(marker)));
    }

    private static List<String> logs() {
        return LOGS.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        context.getLogger("dev.postline").setLevel(ch.qos.logback.classic.Level.DEBUG);
        return appender;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The double's clock: the application's (a {@link MutableClock}) once the context is up. */
    private static final class FollowingClock extends Clock {
        @Override
        public Instant instant() {
            return APP_CLOCK.get().instant();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
