package dev.postline.connectors.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postline.connectors.api.ChangeHints;
import dev.postline.connectors.api.ChangeSubscription;
import dev.postline.connectors.api.ChangeSubscriptions;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SubscriptionRequest;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.WaitOutcome;
import dev.postline.connectors.graphdouble.Fault;
import dev.postline.connectors.graphdouble.GraphSubscription;
import dev.postline.connectors.graphdouble.LifecycleEvent;
import dev.postline.connectors.graphdouble.LoggedRequest;
import dev.postline.connectors.graphdouble.RequestKind;
import dev.postline.connectors.tck.MimeCorpus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Change-notification subscriptions and change hints against the Graph double: the validation
 * handshake, expiry limits, renewal, deletion, notifications carrying the client state, and errors
 * classified like the rest of the connector.
 */
class GraphChangeSubscriptionsTest {

    private static final String CLIENT_STATE = "client-state-canary-9f2c";

    private GraphDoubleConnectorUnderTest c;
    private NotificationEndpoint endpoint;

    @BeforeEach
    void setUp() {
        c = new GraphDoubleConnectorUnderTest(Map.of("pollIntervalSeconds", "60"));
        endpoint = new NotificationEndpoint();
    }

    @AfterEach
    void tearDown() {
        endpoint.close();
        c.close();
    }

    private SubscriptionRequest request(Duration lifetime) {
        return new SubscriptionRequest(endpoint.notifications(), endpoint.lifecycle(), CLIENT_STATE, Instant.now().plus(lifetime));
    }

    private static ChangeSubscriptions subscriptions(ConnectorSession session) {
        assertThat(session).isInstanceOf(ChangeSubscriptions.class);
        return (ChangeSubscriptions) session;
    }

    @Test
    void creatingShouldPassGraphsHandshakeOnBothUrlsAndSubscribeToNewInboxMailOnly() throws Exception {
        try (ConnectorSession session = c.openSession()) {
            ChangeSubscription created = subscriptions(session).create(request(Duration.ofHours(48)));

            assertThat(endpoint.validatedPaths()).containsExactly("/hooks/notifications", "/hooks/lifecycle");
            GraphSubscription held = c.graph.subscriptionsOf(GraphDoubleConnectorUnderTest.ADDRESS).getFirst();
            assertThat(held.id()).isEqualTo(created.id());
            assertThat(held.resource()).isEqualTo("me/mailFolders('inbox')/messages");
            assertThat(held.changeType()).isEqualTo("created");
            assertThat(held.clientState()).isEqualTo(CLIENT_STATE);
            assertThat(held.lifecycleUrl()).contains(endpoint.lifecycle());
            assertThat(created.expiresAt()).isEqualTo(held.expiresAt());
        }
    }

    @Test
    void aWishedExpiryBeyondGraphsMaximumShouldBeShortenedNotRefused() throws Exception {
        try (ConnectorSession session = c.openSession()) {
            ChangeSubscription created = subscriptions(session).create(request(Duration.ofDays(10)));

            assertThat(created.expiresAt()).isBefore(Instant.now().plus(Duration.ofMinutes(4230)))
                    .isAfter(Instant.now().plus(Duration.ofMinutes(4230 - 10)));
        }
    }

    @Test
    void anEndpointThatDoesNotEchoTheValidationTokenShouldBeRefusedAsPermanentAndNothingSubscribed() {
        endpoint.answerHandshakesWrongly();
        try (ConnectorSession session = c.openSession()) {
            ConnectorException e = assertKind(FailureKind.PERMANENT, () -> subscriptions(session).create(request(Duration.ofHours(1))));

            assertThat(e.getMessage()).contains("400").contains("validation");
            assertThat(e.getMessage()).doesNotContain(CLIENT_STATE);
            assertThat(c.graph.subscriptions()).isEmpty();
        }
    }

    @Test
    void anUnreachableEndpointShouldBeRefusedAsPermanent() {
        endpoint.close();
        try (ConnectorSession session = c.openSession()) {
            assertKind(FailureKind.PERMANENT, () -> subscriptions(session).create(request(Duration.ofHours(1))));
            assertThat(c.graph.subscriptions()).isEmpty();
        }
    }

    @Test
    void renewingShouldMoveTheExpiryAndAGoneSubscriptionShouldReadAsEmpty() throws Exception {
        try (ConnectorSession session = c.openSession()) {
            ChangeSubscriptions subs = subscriptions(session);
            ChangeSubscription created = subs.create(request(Duration.ofHours(1)));

            ChangeSubscription renewed = subs.renew(created.id(), Instant.now().plus(Duration.ofHours(60))).orElseThrow();
            assertThat(renewed.id()).isEqualTo(created.id());
            assertThat(renewed.expiresAt()).isAfter(created.expiresAt().plus(Duration.ofHours(58)));
            assertThat(c.graph.subscriptionsOf(GraphDoubleConnectorUnderTest.ADDRESS).getFirst().renewals()).isEqualTo(1);

            c.graph.sendLifecycleEvent(created.id(), LifecycleEvent.SUBSCRIPTION_REMOVED);
            assertThat(subs.renew(created.id(), Instant.now().plus(Duration.ofHours(60)))).isEmpty();
            assertThat(subs.reauthorize(created.id(), Instant.now().plus(Duration.ofHours(60)))).isEmpty();
            assertThat(c.graph.requests(RequestKind.UPDATE_SUBSCRIPTION)).extracting(LoggedRequest::status)
                    .containsExactly(200, 404, 404);
        }
    }

    @Test
    void reauthorizingShouldBeOneRenewalThatLetsNotificationsFlowAgain() throws Exception {
        try (ConnectorSession session = c.openSession()) {
            ChangeSubscriptions subs = subscriptions(session);
            ChangeSubscription created = subs.create(request(Duration.ofHours(1)));
            assertThat(c.graph.sendLifecycleEvent(created.id(), LifecycleEvent.REAUTHORIZATION_REQUIRED)).isEqualTo(202);
            c.deliver(MimeCorpus.numbered(1, 0));
            Thread.sleep(500);
            assertThat(changeNotifications()).as("withheld until reauthorized").isZero();

            assertThat(subs.reauthorize(created.id(), Instant.now().plus(Duration.ofHours(2)))).isPresent();
            c.deliver(MimeCorpus.numbered(2, 0));

            awaitChangeNotifications(1);
            assertThat(c.graph.requests(RequestKind.UPDATE_SUBSCRIPTION)).hasSize(1);
        }
    }

    @Test
    void deletingShouldRemoveTheSubscriptionAndDeletingAGoneOneShouldSucceed() throws Exception {
        try (ConnectorSession session = c.openSession()) {
            ChangeSubscriptions subs = subscriptions(session);
            ChangeSubscription created = subs.create(request(Duration.ofHours(1)));

            subs.delete(created.id());
            subs.delete(created.id());

            assertThat(c.graph.subscriptions()).isEmpty();
            assertThat(c.graph.requests(RequestKind.DELETE_SUBSCRIPTION)).extracting(LoggedRequest::status).containsExactly(204, 404);
        }
    }

    @Test
    void newMailShouldBeNotifiedWithTheClientStateAndTheImmutableIdOfTheMessage() throws Exception {
        try (ConnectorSession session = c.openSession()) {
            ChangeSubscription created = subscriptions(session).create(request(Duration.ofHours(1)));
            String id = c.mailbox.deliver(MimeCorpus.numbered(1, 0));

            JsonNode item = awaitChangeNotifications(1).path("value").path(0);
            assertThat(item.path("subscriptionId").asText()).isEqualTo(created.id());
            assertThat(item.path("clientState").asText()).isEqualTo(CLIENT_STATE);
            assertThat(item.path("changeType").asText()).isEqualTo("created");
            assertThat(item.path("resourceData").path("id").asText()).isEqualTo(id);
            assertThat(item.path("resourceData").path("@odata.type").asText()).isEqualTo("#Microsoft.Graph.Message");
            assertThat(item.path("tenantId").asText()).isNotBlank();
        }
    }

    @Test
    void errorsShouldBeClassifiedLikeEveryOtherRequest() throws Exception {
        try (ConnectorSession session = c.openSession()) {
            ChangeSubscriptions subs = subscriptions(session);
            c.graph.failNext(RequestKind.CREATE_SUBSCRIPTION, Fault.tooManyRequests(Duration.ofSeconds(9)));
            ConnectorException throttled = assertKind(FailureKind.THROTTLED, () -> subs.create(request(Duration.ofHours(1))));
            assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(9));

            c.graph.failNext(RequestKind.UPDATE_SUBSCRIPTION, Fault.serviceUnavailable(Duration.ofSeconds(4)));
            assertThat(assertKind(FailureKind.THROTTLED, () -> subs.renew("any", Instant.now().plusSeconds(600))).retryAfter())
                    .contains(Duration.ofSeconds(4));

            c.graph.failNext(RequestKind.CREATE_SUBSCRIPTION, Fault.serverError(500));
            assertKind(FailureKind.NETWORK, () -> subs.create(request(Duration.ofHours(1))));
        }
        try (ConnectorSession revoked = c.openSessionWithWrongCredentials()) {
            assertKind(FailureKind.AUTH_REVOKED, () -> subscriptions(revoked).create(request(Duration.ofHours(1))));
        }
        assertThat(c.graph.subscriptions()).isEmpty();
    }

    @Test
    void aChangeHintShouldEndAPendingWaitAtOnceAndAHintGivenBeforeShouldMakeTheNextWaitLookFirst() throws Exception {
        try (ConnectorSession session = c.openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(50));
            CompletableFuture<WaitOutcome> waiting = CompletableFuture.supplyAsync(() -> await(session, cursor, deadline));
            Thread.sleep(300); // the wait has polled once and pauses for its 60 s interval

            ((ChangeHints) session).changeHinted();

            assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(WaitOutcome.CHANGED);

            c.deliver(MimeCorpus.numbered(1, 0));
            ((ChangeHints) session).changeHinted();
            long started = System.nanoTime();
            assertThat(session.awaitChanges(cursor, deadline)).isEqualTo(WaitOutcome.CHANGED);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static WaitOutcome await(ConnectorSession session, SyncCursor cursor, Instant deadline) {
        try {
            return session.awaitChanges(cursor, deadline);
        } catch (ConnectorException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Change notifications only (lifecycle notifications reach the same test endpoint). */
    private java.util.List<JsonNode> changes() {
        return endpoint.received().stream().filter(n -> n.path("value").path(0).has("changeType")).toList();
    }

    private long changeNotifications() {
        return changes().size();
    }

    private JsonNode awaitChangeNotifications(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (changes().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(changes()).hasSize(count);
        return changes().getLast();
    }

    private static ConnectorException assertKind(FailureKind kind, ThrowingCallable call) {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, call);
        assertThat(e).as("expected a ConnectorException").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }
}
