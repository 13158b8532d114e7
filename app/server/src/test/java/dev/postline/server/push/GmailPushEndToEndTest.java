package dev.postline.server.push;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.gmaildouble.Endpoint;
import dev.postline.connectors.gmaildouble.GmailDouble;
import dev.postline.connectors.gmaildouble.SentPush;
import dev.postline.connectors.gmaildouble.Watch;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.push.GmailWatchRecord;
import dev.postline.core.push.GmailWatchRepository;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #7, Gmail push end to end: Gmail touchpoints syncing against the Gmail double with push on
 * ({@code postline.push.gmail.topic}) and a poll of ten minutes, so anything that arrives within seconds was woken
 * by a push. The double keeps each mailbox's {@code users.watch} and, for new INBOX mail, plays Cloud Pub/Sub: it
 * posts the push envelope to {@code /hooks/gmail/pubsub} with an OIDC token that mock-oauth2-server issues in
 * place of Google (custom {@code email}/{@code email_verified} claims, its JWKS standing in for Google's certs).
 * The application's clock and the double's move together ({@link MutableClock}) for expiry and re-watching.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailPushEndToEndTest implements PostlineTestProperties {

    static final int PORT = freePort();
    static final String TOPIC = "projects/postline-test/topics/gmail-inbox";
    static final String AUDIENCE = "http://127.0.0.1:" + PORT + "/hooks/gmail/pubsub";
    static final String PUSH_ACCOUNT = "gmail-push@postline-test.iam.gserviceaccount.com";
    static final AtomicReference<Clock> APP_CLOCK = new AtomicReference<>(Clock.systemUTC());
    static final GmailDouble GMAIL = GmailDouble.start(new FollowingClock());
    static final MockOAuth2Server OIDC = startOidc();
    static final Duration SOON = Duration.ofSeconds(15);
    static final String LONG_POLL = "600";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject MutableClock clock;
    @Inject TokenService tokens;
    @Inject GmailWatchRepository watches;
    @Inject TenantTransactions tx;

    Http http;
    TenantFixture a;
    TenantFixture b;
    final HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Map<String, String> extraProperties() {
        return Map.ofEntries(
                Map.entry("micronaut.server.port", Integer.toString(PORT)),
                Map.entry("postline.push.gmail.topic", TOPIC),
                Map.entry("postline.push.gmail.audience", AUDIENCE),
                Map.entry("postline.push.gmail.service-account", PUSH_ACCOUNT),
                Map.entry("postline.push.gmail.issuer", OIDC.issuerUrl("google").toString()),
                Map.entry("postline.push.gmail.jwks-uri", OIDC.jwksUrl("google").toString()),
                Map.entry("postline.push.gmail.check-interval", "300ms"),
                Map.entry("postline.push.gmail.initial-delay", "1s"),
                Map.entry("postline.push.gmail.retry-after-failure", "2s"),
                Map.entry("test.mutable-clock", "true"),
                Map.entry("postline.oauth.keep-alive.enabled", "false"),
                Map.entry("postline.sync.enabled", "true"),
                Map.entry("postline.sync.allow-private-networks", "true"),
                Map.entry("postline.sync.extra-ports", Integer.toString(GMAIL.port())),
                Map.entry("postline.sync.rescan-interval", "200ms"),
                Map.entry("postline.sync.max-backoff", "500ms"),
                // The reconciliation deadline is long too: only a push can bring mail within seconds.
                Map.entry("postline.sync.reconcile-interval", "10m"));
    }

    @BeforeAll
    void tenants() {
        APP_CLOCK.set(clock);
        http = new Http(server.getURI(), json);
        a = TenantFixture.create(http, "gpush-a");
        b = TenantFixture.create(http, "gpush-b");
        GMAIL.pubSub().pushTo(TOPIC, URI.create(AUDIENCE), () -> Optional.of(token("google", AUDIENCE, PUSH_ACCOUNT, true, 3600)));
    }

    @AfterAll
    void stop() {
        GMAIL.close();
        OIDC.shutdown();
        raw.close();
    }

    @Test
    void withALongPollADeliveredMailBecomesAConversationWithinSecondsWokenByThePush() throws Exception {
        Box box = gmailTouchpoint(a, "sales@gpush-a.example.com", LONG_POLL);
        Watch watch = GMAIL.watchOf(box.address()).orElseThrow();
        assertThat(watch.topic()).isEqualTo(TOPIC);
        assertThat(watch.labelIds()).containsExactly("INBOX");
        GmailWatchRecord row = row(a, box).orElseThrow();
        assertThat(row.emailAddress()).isEqualTo(box.address());
        assertThat(row.expiresAt()).isEqualTo(watch.expiration());

        deliver(box, "woken");

        awaitConversation(box, "woken", SOON);
        assertThat(GMAIL.pubSub().sent()).as("the server acknowledged the push with 204")
                .anySatisfy(p -> assertThat(p).isEqualTo(new SentPush(TOPIC, box.address(), p.historyId(), URI.create(AUDIENCE), 204, true)));
    }

    @Test
    void aPushWithoutGooglesTokenForUsIsRefusedAndWakesNothing_theSamePushWithItWakesTheLoop() throws Exception {
        Box box = gmailTouchpoint(a, "forged@gpush-a.example.com", LONG_POLL);
        deliverUnpushed(box, "forged");
        long polls = historyRequests(box);

        assertThat(push(box.address(), null).statusCode()).as("no token").isEqualTo(401);
        assertThat(push(box.address(), "not-a-jwt").statusCode()).as("not a JWT").isEqualTo(401);
        assertThat(push(box.address(), token("another-issuer", AUDIENCE, PUSH_ACCOUNT, true, 3600)).statusCode())
                .as("another issuer").isEqualTo(401);
        assertThat(push(box.address(), token("google", "https://elsewhere.example.com/push", PUSH_ACCOUNT, true, 3600)).statusCode())
                .as("another audience").isEqualTo(401);
        assertThat(push(box.address(), token("google", AUDIENCE, PUSH_ACCOUNT, true, -600)).statusCode())
                .as("expired").isEqualTo(401);
        assertThat(push(box.address(), token("google", AUDIENCE, "someone@evil.iam.gserviceaccount.com", true, 3600)).statusCode())
                .as("another service account").isEqualTo(403);
        assertThat(push(box.address(), token("google", AUDIENCE, PUSH_ACCOUNT, false, 3600)).statusCode())
                .as("email not verified").isEqualTo(403);
        GMAIL.pubSub().nextPushesAuthorizedBy(Optional::empty, 1);
        deliver(box, "forged-too");
        Eventually.await("the tokenless push refused", SOON, () -> GMAIL.pubSub().sent().stream()
                .anyMatch(p -> p.emailAddress().equals(box.address()) && !p.authorized() && p.status() == 401));

        Thread.sleep(2_000);
        assertThat(conversations(a, box)).as("nothing woke the loop").isEmpty();
        assertThat(historyRequests(box)).as("not even a poll").isEqualTo(polls);

        assertThat(push(box.address(), token("google", AUDIENCE, PUSH_ACCOUNT, true, 3600)).statusCode()).isEqualTo(204);
        awaitConversation(box, "forged", SOON);
        awaitConversation(box, "forged-too", SOON);
    }

    @Test
    void whatIsNotAPubSubPushIsRefusedWith400Or413_aPushForAnUnknownMailboxIsAcknowledgedAndDoesNothing() throws Exception {
        String good = token("google", AUDIENCE, PUSH_ACCOUNT, true, 3600);
        assertThat(post(good, "not json").statusCode()).isEqualTo(400);
        assertThat(post(good, "").statusCode()).isEqualTo(400);
        assertThat(post(good, "{\"subscription\":\"projects/x/subscriptions/y\"}").statusCode()).isEqualTo(400);
        assertThat(post(good, "{\"message\":{\"data\":\"%%%not base64%%%\"}}").statusCode()).isEqualTo(400);
        assertThat(post(good, envelope("{\"historyId\":12}")).statusCode()).as("no address").isEqualTo(400);
        assertThat(post(good, envelope("{\"emailAddress\":\"x@example.com\"}")).statusCode()).as("no history id").isEqualTo(400);
        assertThat(post(good, envelope("[1,2]")).statusCode()).isEqualTo(400);
        assertThat(post(good, "{\"message\":{\"data\":\"" + "A".repeat(100_000) + "\"}}").statusCode()).isEqualTo(413);
        assertThat(post(null, "not json").statusCode()).as("the token is checked first").isEqualTo(401);

        HttpResponse<String> unknown = push("nobody-" + UUID.randomUUID() + "@example.com", good);
        assertThat(unknown.statusCode()).isEqualTo(204);
        assertThat(push("Sales@GPUSH-A.example.com", good).statusCode()).as("string historyId, any case").isEqualTo(204);
        assertThat(raw.send(HttpRequest.newBuilder(URI.create(server.getURI() + "/hooks/gmail/pubsub")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(401, 404, 405);
    }

    @Test
    void aDroppedPushIsStillPickedUpByTheReconciliationPoll() throws Exception {
        Box box = gmailTouchpoint(a, "dropped@gpush-a.example.com", "2");

        deliverUnpushed(box, "dropped");

        awaitConversation(box, "dropped", Duration.ofSeconds(30));
        assertThat(GMAIL.pubSub().sent()).filteredOn(p -> p.emailAddress().equals(box.address()))
                .extracting(SentPush::status).containsExactly(SentPush.DROPPED);
    }

    @Test
    void watchesAreRenewedDaily_andWatchedAgainAfterTheyLapse() throws Exception {
        Box box = gmailTouchpoint(a, "renewal@gpush-a.example.com", LONG_POLL);
        Instant firstExpiry = GMAIL.watchOf(box.address()).orElseThrow().expiration();

        clock.advance(Duration.ofHours(20)); // less than a day since the watch: nothing to do yet
        Thread.sleep(1_500);
        assertThat(GMAIL.watchOf(box.address()).orElseThrow().renewals()).isZero();

        clock.advance(Duration.ofHours(5)); // a day and more
        Eventually.await("the re-watch", SOON, () -> GMAIL.watchOf(box.address()).orElseThrow().renewals() >= 1);
        Eventually.await("the re-watch recorded", SOON, () -> row(a, box).map(r -> r.renewedAt() != null
                && r.expiresAt().isAfter(firstExpiry)).orElse(false));
        assertThat(GMAIL.count(Endpoint.WATCH)).isPositive();

        awaitQuiet(box);
        deliver(box, "after-rewatch");
        awaitConversation(box, "after-rewatch", SOON);
    }

    @Test
    void disablingATouchpointStopsItsWatch_enablingWatchesAgain_deletingStopsItFirst() throws Exception {
        Box box = gmailTouchpoint(a, "lifecycle@gpush-a.example.com", LONG_POLL);

        expect(http.patch("/api/v1/touchpoints/" + box.id(), a.admin(), Map.of("enabled", false)), 200);
        Eventually.await("users.stop at Gmail", SOON, () -> GMAIL.watchOf(box.address()).isEmpty());
        Eventually.await("and the row gone", SOON, () -> row(a, box).isEmpty());

        expect(http.patch("/api/v1/touchpoints/" + box.id(), a.admin(), Map.of("enabled", true)), 200);
        Eventually.await("watched again", SOON, () -> GMAIL.watchOf(box.address()).isPresent());
        Eventually.await("the row again", SOON, () -> row(a, box).isPresent());

        expect(http.delete("/api/v1/touchpoints/" + box.id(), a.admin()), 204);
        assertThat(GMAIL.watchOf(box.address())).as("stopped before the touchpoint (and its grant) went").isEmpty();
        assertThat(GMAIL.requests()).filteredOn(r -> r.endpoint() == Endpoint.STOP && box.address().equals(r.user()))
                .extracting(r -> r.status()).containsExactly(204, 204);
        Thread.sleep(1_500);
        assertThat(GMAIL.watchOf(box.address())).as("not watched again by a check running meanwhile").isEmpty();
    }

    @Test
    void aPushForTenantAsMailboxWakesOnlyTenantA_aMailboxBothConnectedWakesBoth() throws Exception {
        Box boxA = gmailTouchpoint(a, "iso@gpush-a.example.com", LONG_POLL);
        Box boxB = gmailTouchpoint(b, "iso@gpush-b.example.com", LONG_POLL);
        deliverUnpushed(boxB, "isolated");
        long pollsA = historyRequests(boxA);
        long pollsB = historyRequests(boxB);
        String good = token("google", AUDIENCE, PUSH_ACCOUNT, true, 3600);

        assertThat(push(boxA.address(), good).statusCode()).isEqualTo(204);

        Eventually.await("A woken by the push for its mailbox", SOON, () -> historyRequests(boxA) > pollsA);
        Thread.sleep(2_000);
        assertThat(historyRequests(boxB)).as("tenant B's loop was never woken").isEqualTo(pollsB);
        assertThat(conversations(b, boxB)).isEmpty();

        assertThat(push(boxB.address(), good).statusCode()).isEqualTo(204);
        awaitConversation(boxB, "isolated", SOON);
        assertThat(conversations(a, boxA)).as("nothing of B's reached A").isEmpty();

        // The same mailbox connected by both tenants: one watch at Gmail, each tenant's touchpoint woken.
        Box sharedA = gmailTouchpoint(a, "shared@gpush.example.com", LONG_POLL);
        Box sharedB = gmailTouchpoint(b, "shared@gpush.example.com", LONG_POLL);
        deliver(sharedA, "shared");
        awaitConversation(sharedA, "shared", SOON);
        awaitConversation(sharedB, "shared", SOON);
        expect(http.patch("/api/v1/touchpoints/" + sharedA.id(), a.admin(), Map.of("enabled", false)), 200);
        Eventually.await("A's row gone", SOON, () -> row(a, sharedA).isEmpty());
        assertThat(GMAIL.watchOf(sharedA.address())).as("B still watches the mailbox: not stopped").isPresent();
    }

    // ---- fixtures --------------------------------------------------------------------------------

    /** A Gmail touchpoint of {@code t} on the double, its watch made and its loop pausing. */
    private record Box(TenantFixture tenant, String id, String address) {}

    private Box gmailTouchpoint(TenantFixture t, String address, String pollSeconds) throws Exception {
        String token = "ya29.push-" + UUID.randomUUID();
        GMAIL.addUser(address, token);
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", "Push " + address,
                "connector", "gmail", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", Map.of("apiRootUrl", GMAIL.rootUrl(), "pollIntervalSeconds", pollSeconds))), 201).string("id");
        Instant now = clock.instant();
        tokens.storeGrant(TenantId.parse(t.tenantId()), UUID.fromString(id), new OAuthGrant(OAuthProvider.GOOGLE,
                "refresh-" + UUID.randomUUID(), token, now.plus(Duration.ofDays(3650)),
                Set.of("https://www.googleapis.com/auth/gmail.modify", "openid", "email"), address, now, now));
        // Syncing: CONNECTED, or EXPIRING as soon as the authorization watch has looked at it — a grant of a
        // Google app in testing mode lasts 7 days, inside the 14-day warning period from the start.
        try {
            Eventually.await("CONNECTED or EXPIRING", Duration.ofSeconds(45), () -> Set.of("CONNECTED", "EXPIRING")
                    .contains(http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState")));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; touchpoint: " + http.get("/api/v1/touchpoints/" + id, t.admin()).body()
                    + "; Gmail requests for it: " + GMAIL.requests().stream().filter(r -> address.equals(r.user())).toList(), e);
        }
        Box box = new Box(t, id, address);
        Eventually.await("the watch", SOON, () -> GMAIL.watchOf(address).isPresent() && row(t, box).isPresent());
        awaitQuiet(box);
        return box;
    }

    /** Until the loop pauses in its long poll (no history request for a second and a half). */
    private void awaitQuiet(Box box) throws InterruptedException {
        long before;
        long after = historyRequests(box);
        do {
            before = after;
            Thread.sleep(1_500);
            after = historyRequests(box);
        } while (after != before);
    }

    private void deliver(Box box, String marker) {
        GMAIL.deliver(box.address(), MailboxServer.customerMail("customer-" + marker + "@example.org", box.address(),
                "<" + marker + "." + UUID.randomUUID() + "@example.org>", "Question " + marker, "Hello " + marker, List.of())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Delivers with the push dropped by the double, and waits until it was. */
    private void deliverUnpushed(Box box, String marker) {
        GMAIL.pubSub().dropNextPushes(1);
        deliver(box, marker);
        Eventually.await("the push dropped", SOON, () -> GMAIL.pubSub().sent().stream()
                .anyMatch(p -> box.address().equals(p.emailAddress()) && p.status() == SentPush.DROPPED));
    }

    private static String token(String issuer, String audience, String email, boolean verified, long expirySeconds) {
        return OIDC.issueToken(issuer, "1234567890", audience, Map.of("email", email, "email_verified", verified), expirySeconds)
                .serialize();
    }

    private static String envelope(String data) {
        return "{\"message\":{\"attributes\":{},\"data\":\"" + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
                + "\",\"messageId\":\"2070443601311540\",\"publishTime\":\"2026-11-24T08:00:00Z\"},"
                + "\"subscription\":\"projects/postline-test/subscriptions/gmail-inbox-push\"}";
    }

    private HttpResponse<String> push(String address, String token) throws Exception {
        return post(token, envelope("{\"emailAddress\":\"" + address + "\",\"historyId\":\"" + 9876543210L + "\"}"));
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + "/hooks/gmail/pubsub"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return raw.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long historyRequests(Box box) {
        return GMAIL.requests().stream().filter(r -> r.endpoint() == Endpoint.HISTORY_LIST && box.address().equals(r.user())).count();
    }

    private Optional<GmailWatchRecord> row(TenantFixture t, Box box) {
        TenantId tenant = TenantId.parse(t.tenantId());
        return tx.read(tenant, () -> watches.findByTenantIdAndTouchpointId(tenant.value(), UUID.fromString(box.id())));
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

    private static MockOAuth2Server startOidc() {
        MockOAuth2Server oidc = new MockOAuth2Server();
        oidc.start();
        return oidc;
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
