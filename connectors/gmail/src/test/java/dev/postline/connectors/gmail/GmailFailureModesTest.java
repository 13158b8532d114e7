package dev.postline.connectors.gmail;

import static dev.postline.connectors.gmail.GmailDoubleConnectorUnderTest.TOKEN;
import static dev.postline.connectors.gmail.GmailDoubleConnectorUnderTest.USER;
import static dev.postline.connectors.gmail.GmailDoubleConnectorUnderTest.WRONG_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.gmail.GmailDoubleConnectorUnderTest.Tokens;
import dev.postline.connectors.gmaildouble.Endpoint;
import dev.postline.connectors.gmaildouble.Fault;
import dev.postline.connectors.gmaildouble.LoggedRequest;
import dev.postline.connectors.tck.Fetching;
import dev.postline.connectors.tck.MimeCorpus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each failure mode Gmail documents, injected into the double, and how the connector classifies it. */
class GmailFailureModesTest {

    private GmailDoubleConnectorUnderTest connector = new GmailDoubleConnectorUnderTest();

    @AfterEach
    void tearDown() {
        connector.close();
    }

    private static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "<tck-" + i + "@postline.test>").toList();
    }

    private void deliver(int from, int to) {
        IntStream.rangeClosed(from, to).forEach(i -> connector.deliver(MimeCorpus.numbered(i, 0)));
    }

    @Test
    void expiredHistoryShouldBeCursorInvalidAndTheBoundedResyncShouldListEachMessageOnce() throws Exception {
        connector.gmail.deliver(USER, MimeCorpus.numbered(0, 0), Instant.now().minus(Duration.ofDays(30)));
        try (ConnectorSession session = connector.openSession()) {
            SyncCursor start = session.initialCursor(InitialSync.fromNow());
            deliver(1, 3);
            SyncCursor stored = Fetching.drain(session, start, 10).cursor();
            connector.gmail.mailbox(USER).forgetHistory();
            deliver(4, 5);

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.fetch(stored, 10));
            assertThat(e.kind()).isEqualTo(FailureKind.CURSOR_INVALID);

            // What the core does on CURSOR_INVALID: restart from a cursor for its resync window.
            SyncCursor resync = session.initialCursor(InitialSync.since(Instant.now().minus(Duration.ofDays(7))));
            Fetching.Drained resynced = Fetching.drain(session, resync, 2);
            assertThat(resynced.messages()).extracting(FetchedMessage::providerId).doesNotHaveDuplicates();
            assertThat(Fetching.messageIds(resynced.messages())).containsExactlyElementsOf(ids(1, 5));
            assertThat(connector.gmail.requests()).anySatisfy(r -> assertThat(r.query().get("q")).startsWith("after:"));

            deliver(6, 6);
            assertThat(Fetching.messageIds(Fetching.drain(session, resynced.cursor(), 10).messages()))
                    .containsExactlyElementsOf(ids(6, 6));
        }
    }

    @Test
    void tooManyRequestsShouldBeThrottledForTheRetryAfterGiven() throws Exception {
        try (ConnectorSession session = connector.openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            connector.gmail.faults().next(Endpoint.HISTORY_LIST, Fault.tooManyRequests(Duration.ofSeconds(42)));

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.fetch(cursor, 10));

            assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
            assertThat(session.fetch(cursor, 10).messages()).isEmpty(); // the fault was one answer, not a state
        }
    }

    @Test
    void rateLimitExceeded403ShouldBeThrottledNotAnAuthorizationProblem() throws Exception {
        deliver(1, 1);
        try (ConnectorSession session = connector.openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.everything());
            connector.gmail.faults().next(Endpoint.MESSAGES_GET, Fault.rateLimitExceeded403(Duration.ofSeconds(7)));

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.fetch(cursor, 10));

            assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        }
    }

    @Test
    void userRateLimitExceededShouldTakeTheRetryTimeFromTheErrorMessage() throws Exception {
        try (ConnectorSession session = connector.openSession()) {
            OutboundMessage reply = new OutboundMessage(MimeCorpus.numbered(1, 0), USER, List.of("maria@customer.test"));
            connector.gmail.faults().next(Endpoint.MESSAGES_SEND,
                    Fault.userRateLimitExceeded403(Instant.now().plus(Duration.ofSeconds(90))));

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.send(reply));

            assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED);
            assertThat(e.retryAfter()).hasValueSatisfying(d ->
                    assertThat(d).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(90)));
            assertThat(connector.gmail.inbox("maria@customer.test")).isEmpty();
        }
    }

    @Test
    void refusedTokenShouldBeAskedForAgainOnceThenBeAuthRevoked() {
        Tokens tokens = new Tokens(WRONG_TOKEN);
        try (ConnectorSession session = connector.open(tokens)) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> session.initialCursor(InitialSync.fromNow()));

            assertThat(e.kind()).isEqualTo(FailureKind.AUTH_REVOKED);
            assertThat(tokens.asked).hasValue(2);
            assertThat(connector.gmail.requests()).extracting(LoggedRequest::status).containsExactly(401, 401);
        }
    }

    @Test
    void tokenRefreshedByTheCoreAfterA401ShouldBeUsedAtOnce() throws Exception {
        Tokens tokens = new Tokens(WRONG_TOKEN, TOKEN); // the core refreshed between the two asks
        try (ConnectorSession session = connector.open(tokens)) {
            assertThat(session.initialCursor(InitialSync.fromNow())).isNotNull();

            assertThat(tokens.asked).hasValue(2);
            assertThat(connector.gmail.requests()).extracting(LoggedRequest::status).containsExactly(401, 200);
        }
    }

    @Test
    void serverErrorsShouldBeNetworkSoTheCoreRetries() throws Exception {
        deliver(1, 1);
        try (ConnectorSession session = connector.openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.everything());
            connector.gmail.faults().next(Endpoint.MESSAGES_LIST, Fault.serverError(500));
            assertThat(catchThrowableOfType(ConnectorException.class, () -> session.fetch(cursor, 10)).kind())
                    .isEqualTo(FailureKind.NETWORK);

            connector.gmail.faults().next(Endpoint.MESSAGES_SEND, Fault.serverError(503));
            OutboundMessage reply = new OutboundMessage(MimeCorpus.numbered(2, 0), USER, List.of("maria@customer.test"));
            assertThat(catchThrowableOfType(ConnectorException.class, () -> session.send(reply)).kind())
                    .isEqualTo(FailureKind.NETWORK);

            assertThat(Fetching.messageIds(session.fetch(cursor, 10).messages())).containsExactlyElementsOf(ids(1, 1));
        }
    }

    @Test
    void failedSendsShouldBeTriedOnceTheRetryIsTheCoresDecision() throws Exception {
        byte[] big = MimeCorpus.withAttachment("<big-503@reply.postline.test>", USER, "maria@customer.test",
                MimeCorpus.attachmentBytes(6 * 1024 * 1024, 5));
        try (ConnectorSession session = connector.openSession()) {
            connector.gmail.faults().next(Endpoint.MESSAGES_SEND, Fault.serverError(503));
            connector.gmail.faults().next(Endpoint.UPLOAD_SEND, Fault.serverError(503));

            for (byte[] raw : List.of(MimeCorpus.numbered(3, 0), big)) {
                ConnectorException e = catchThrowableOfType(ConnectorException.class,
                        () -> session.send(new OutboundMessage(raw, USER, List.of("maria@customer.test"))));
                assertThat(e.kind()).isEqualTo(FailureKind.NETWORK);
            }
        }

        assertThat(connector.gmail.count(Endpoint.MESSAGES_SEND)).as("no retry by the client library").isEqualTo(1);
        assertThat(connector.gmail.count(Endpoint.UPLOAD_SEND)).as("no retry or resume of the upload").isEqualTo(1);
        assertThat(connector.gmail.inbox("maria@customer.test")).isEmpty();
    }

    @Test
    void burstShouldStayWithinThePerUserQuotaAndStillFetchEverythingOnce() throws Exception {
        connector.close();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
        connector = new GmailDoubleConnectorUnderTest(clock, 200);
        connector.gmail.quota().limitPerMinute(200);
        deliver(1, 60); // 60 messages.get alone cost 300 units: more than a minute's budget

        List<FetchedMessage> fetched = new ArrayList<>();
        int throttled = 0;
        try (ConnectorSession session = connector.openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.everything());
            for (int round = 0; round < 200; round++) {
                try {
                    FetchBatch batch = session.fetch(cursor, 25);
                    fetched.addAll(batch.messages());
                    cursor = batch.next();
                    if (!batch.more()) {
                        break;
                    }
                } catch (ConnectorException e) {
                    assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
                    throttled++;
                    clock.advance(e.retryAfter().orElseThrow()); // what the core does: wait as told
                }
            }
        }

        assertThat(Fetching.messageIds(fetched)).containsExactlyElementsOf(ids(1, 60));
        assertThat(throttled).as("the budget made the connector wait").isPositive();
        assertThat(connector.gmail.quota().refusals(USER)).as("requests Gmail refused for quota").isZero();
    }

    @Test
    void quotaRefusalByGmailItselfShouldBeThrottledUntilTheTimeGmailNames() throws Exception {
        connector.gmail.quota().limitPerMinute(3); // Gmail's limit far below the connector's budget
        try (ConnectorSession session = connector.openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow()); // 1 unit
            session.fetch(cursor, 10);                                        // 2 units

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.fetch(cursor, 10));

            assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED);
            assertThat(e.retryAfter()).hasValueSatisfying(d ->
                    assertThat(d).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
            assertThat(connector.gmail.quota().refusals(USER)).isEqualTo(1);
        }
    }
}
