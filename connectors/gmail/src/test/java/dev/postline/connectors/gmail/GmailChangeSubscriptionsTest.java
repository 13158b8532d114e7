package dev.postline.connectors.gmail;

import static dev.postline.connectors.gmail.GmailDoubleConnectorUnderTest.TOKEN;
import static dev.postline.connectors.gmail.GmailDoubleConnectorUnderTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.postline.connectors.gmail.GmailDoubleConnectorUnderTest.Tokens;
import dev.postline.connectors.gmaildouble.Endpoint;
import dev.postline.connectors.gmaildouble.Fault;
import dev.postline.connectors.gmaildouble.SentPush;
import dev.postline.connectors.gmaildouble.Watch;
import dev.postline.connectors.tck.MimeCorpus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gmail push as the SPI's optional capabilities against the Gmail double: {@code users.watch} on the INBOX to a
 * Pub/Sub topic (which the double then pushes to an endpoint), renewal by watching again, {@code users.stop},
 * change hints ending the poll's pause, and errors classified like the rest of the connector.
 */
class GmailChangeSubscriptionsTest {

    private static final String TOPIC = "projects/postline-test/topics/gmail";
    private static final String PUSH_TOKEN = "pubsub-oidc-token-canary";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
    private GmailDoubleConnectorUnderTest c;
    private PushEndpoint endpoint;

    @BeforeEach
    void setUp() {
        c = new GmailDoubleConnectorUnderTest(clock, QuotaBudgets.GMAIL_UNITS_PER_USER_PER_MINUTE);
        endpoint = new PushEndpoint();
        c.gmail.pubSub().pushTo(TOPIC, endpoint.url(), () -> Optional.of(PUSH_TOKEN));
    }

    @AfterEach
    void tearDown() {
        endpoint.close();
        c.close();
    }

    private ConnectorSession session(String pollSeconds) {
        Map<String, String> settings = new HashMap<>(c.settings(c.gmail.port()));
        settings.put("pollIntervalSeconds", pollSeconds);
        return c.open(settings, new Tokens(TOKEN));
    }

    private static ChangeSubscriptions subs(ConnectorSession session) {
        return (ChangeSubscriptions) session;
    }

    @Test
    void watchShouldSubscribeTheInboxToTheTopic_andNewInboxMailIsPushedAsAPubSubEnvelope() throws Exception {
        try (ConnectorSession session = session("60")) {
            ChangeSubscription watch = subs(session).create(SubscriptionRequest.toTopic(TOPIC, clock.instant().plus(Duration.ofDays(30))));

            assertThat(watch.id()).as("Gmail names a watch by nothing but its topic").isEqualTo(TOPIC);
            assertThat(watch.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
            Watch atGmail = c.gmail.watchOf(USER).orElseThrow();
            assertThat(atGmail.labelIds()).containsExactly("INBOX");
            assertThat(atGmail.labelFilterBehavior()).isEqualToIgnoringCase("include");
            assertThat(c.gmail.quota().totalUnits(USER)).as("users.watch costs 100 units").isEqualTo(100);

            long historyId = c.gmail.deliver(USER, MimeCorpus.numbered(1, 0)).historyId();

            await(() -> endpoint.received().size() == 1);
            PushEndpoint.Push push = endpoint.received().getFirst();
            assertThat(push.authorization()).isEqualTo("Bearer " + PUSH_TOKEN);
            JsonNode envelope = JSON.readTree(push.body());
            assertThat(envelope.path("subscription").asText()).startsWith("projects/postline-test/subscriptions/");
            assertThat(envelope.path("message").path("messageId").asText()).isNotBlank();
            assertThat(envelope.path("message").path("publishTime").asText()).isNotBlank();
            JsonNode data = JSON.readTree(Base64.getDecoder().decode(envelope.path("message").path("data").asText()));
            assertThat(data.path("emailAddress").asText()).isEqualTo(USER);
            assertThat(data.path("historyId").isNumber()).isTrue();
            assertThat(data.path("historyId").asLong()).isEqualTo(historyId);
        }
    }

    @Test
    void renewShouldWatchAgainAndMoveTheExpiry_andALapsedWatchStopsPushingUntilRenewed() throws Exception {
        try (ConnectorSession session = session("60")) {
            ChangeSubscription first = subs(session).create(SubscriptionRequest.toTopic(TOPIC, clock.instant().plus(Duration.ofDays(7))));

            clock.advance(Duration.ofDays(1));
            ChangeSubscription renewed = subs(session).renew(first.id(), clock.instant().plus(Duration.ofDays(7))).orElseThrow();
            assertThat(renewed.expiresAt()).isEqualTo(first.expiresAt().plus(Duration.ofDays(1)));
            assertThat(c.gmail.watchOf(USER).orElseThrow().renewals()).isEqualTo(1);

            clock.advance(Duration.ofDays(8)); // past the renewed expiry: Gmail no longer publishes
            c.gmail.deliver(USER, MimeCorpus.numbered(1, 0));
            Thread.sleep(500);
            assertThat(endpoint.received()).isEmpty();
            assertThat(c.gmail.pubSub().sent()).isEmpty();

            assertThat(subs(session).renew(first.id(), clock.instant().plus(Duration.ofDays(7)))).as("watching again brings it back")
                    .isPresent();
            c.gmail.deliver(USER, MimeCorpus.numbered(2, 0));
            await(() -> endpoint.received().size() == 1);
        }
    }

    @Test
    void deleteShouldStopTheWatch_andStoppingAMailboxWithoutOneIsFine() throws Exception {
        try (ConnectorSession session = session("60")) {
            ChangeSubscription watch = subs(session).create(SubscriptionRequest.toTopic(TOPIC, clock.instant().plus(Duration.ofDays(7))));

            subs(session).delete(watch.id());

            assertThat(c.gmail.watchOf(USER)).isEmpty();
            assertThat(c.gmail.count(Endpoint.STOP)).isEqualTo(1);
            c.gmail.deliver(USER, MimeCorpus.numbered(1, 0));
            Thread.sleep(500);
            assertThat(endpoint.received()).isEmpty();
            subs(session).delete(watch.id());
        }
    }

    @Test
    void aHintShouldEndAWaitOfTheLongPollAtOnce_andClosingEndsItToo() throws Exception {
        try (ConnectorSession session = session("600")) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            Instant deadline = clock.instant().plus(Duration.ofHours(1));
            CompletableFuture<WaitOutcome> waiting = CompletableFuture.supplyAsync(() -> await(session, cursor, deadline));
            Thread.sleep(500);
            assertThat(waiting).isNotDone();

            ((ChangeHints) session).changeHinted();

            assertThat(waiting.get(3, TimeUnit.SECONDS)).isEqualTo(WaitOutcome.CHANGED);

            CompletableFuture<WaitOutcome> again = CompletableFuture.supplyAsync(() -> await(session, cursor, deadline));
            Thread.sleep(500);
            assertThat(again).as("the hint was used up").isNotDone();
            session.close();
            assertThat(again.get(3, TimeUnit.SECONDS)).isEqualTo(WaitOutcome.TIMEOUT);
            ((ChangeHints) session).changeHinted(); // a no-op after close
        }
    }

    @Test
    void aTopicThatDoesNotExistOrThatGmailMayNotPublishToIsPermanent_notAGrantProblem() {
        c.gmail.pubSub().createTopic("projects/postline-test/topics/no-rights", false);
        try (ConnectorSession session = session("60")) {
            Instant expiry = clock.instant().plus(Duration.ofDays(7));
            ConnectorException missing = catchThrowableOfType(ConnectorException.class,
                    () -> subs(session).create(SubscriptionRequest.toTopic("projects/postline-test/topics/missing", expiry)));
            assertThat(missing.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(missing.getMessage()).contains("users.watch answered 404");

            ConnectorException noRights = catchThrowableOfType(ConnectorException.class,
                    () -> subs(session).create(SubscriptionRequest.toTopic("projects/postline-test/topics/no-rights", expiry)));
            assertThat(noRights.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(noRights.getMessage()).contains("403").contains("gmail-api-push@system.gserviceaccount.com")
                    .doesNotContain("re-authorize");

            ConnectorException invalid = catchThrowableOfType(ConnectorException.class,
                    () -> subs(session).create(SubscriptionRequest.toTopic("gmail-topic", expiry)));
            assertThat(invalid.kind()).isEqualTo(FailureKind.PERMANENT);

            ConnectorException webhook = catchThrowableOfType(ConnectorException.class, () -> subs(session).create(
                    new SubscriptionRequest(URI.create("https://postline.example.com/hooks"), URI.create("https://postline.example.com/l"),
                            "state", expiry)));
            assertThat(webhook.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(c.gmail.watchOf(USER)).isEmpty();
        }
    }

    @Test
    void throttlingAndARefusedTokenAreClassifiedLikeEveryOtherCall() {
        c.gmail.faults().next(Endpoint.WATCH, Fault.tooManyRequests(Duration.ofSeconds(42)));
        try (ConnectorSession session = session("60")) {
            ConnectorException throttled = catchThrowableOfType(ConnectorException.class,
                    () -> subs(session).create(SubscriptionRequest.toTopic(TOPIC, clock.instant().plus(Duration.ofDays(7)))));
            assertThat(throttled.kind()).isEqualTo(FailureKind.THROTTLED);
            assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(42));
        }
        try (ConnectorSession session = c.open(new Tokens(GmailDoubleConnectorUnderTest.WRONG_TOKEN))) {
            assertThat(catchThrowableOfType(ConnectorException.class, () -> subs(session).renew(TOPIC,
                    clock.instant().plus(Duration.ofDays(7)))).kind()).isEqualTo(FailureKind.AUTH_REVOKED);
            assertThat(catchThrowableOfType(ConnectorException.class, () -> subs(session).delete(TOPIC)).kind())
                    .isEqualTo(FailureKind.AUTH_REVOKED);
        }
    }

    @Test
    void theDoubleCanDropPushesAndPushWithAnotherOrNoToken() throws Exception {
        try (ConnectorSession session = session("60")) {
            subs(session).create(SubscriptionRequest.toTopic(TOPIC, clock.instant().plus(Duration.ofDays(7))));
            c.gmail.pubSub().dropNextPushes(1).nextPushesAuthorizedBy(Optional::empty, 1)
                    .nextPushesAuthorizedBy(() -> Optional.of("forged"), 1);

            for (int i = 1; i <= 4; i++) {
                c.gmail.deliver(USER, MimeCorpus.numbered(i, 0));
                int pushes = i;
                await(() -> c.gmail.pubSub().sent().size() == pushes);
            }

            assertThat(c.gmail.pubSub().sent()).extracting(SentPush::status).containsExactly(SentPush.DROPPED, 204, 204, 204);
            assertThat(endpoint.received()).extracting(PushEndpoint.Push::authorization)
                    .containsExactly(null, "Bearer forged", "Bearer " + PUSH_TOKEN);
        }
    }

    private static WaitOutcome await(ConnectorSession session, SyncCursor cursor, Instant deadline) {
        try {
            return session.awaitChanges(cursor, deadline);
        } catch (ConnectorException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(20);
        }
    }

}
