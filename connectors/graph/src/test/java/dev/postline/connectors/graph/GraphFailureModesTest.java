package dev.postline.connectors.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.graph.GraphDoubleConnectorUnderTest.CountingCredentials;
import dev.postline.connectors.graphdouble.DeltaExpiry;
import dev.postline.connectors.graphdouble.Fault;
import dev.postline.connectors.graphdouble.GraphDouble;
import dev.postline.connectors.graphdouble.LoggedRequest;
import dev.postline.connectors.graphdouble.RequestKind;
import dev.postline.connectors.tck.Fetching;
import dev.postline.connectors.tck.MimeCorpus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each failure mode the Graph double can inject, and how the connector classifies and survives it. */
class GraphFailureModesTest {

    private GraphDoubleConnectorUnderTest c;

    @BeforeEach
    void setUp() {
        c = new GraphDoubleConnectorUnderTest();
    }

    @AfterEach
    void tearDown() {
        c.close();
    }

    private void deliver(int from, int to) {
        IntStream.rangeClosed(from, to).forEach(i -> c.deliver(MimeCorpus.numbered(i, 0)));
    }

    @Test
    void goneDeltaLinkShouldBeCursorInvalidAndTheResyncShouldBringNothingTwice() throws Exception {
        resyncAfterExpiry(DeltaExpiry.GONE_410, 410);
    }

    @Test
    void syncStateNotFoundShouldBeCursorInvalidAndTheResyncShouldBringNothingTwice() throws Exception {
        resyncAfterExpiry(DeltaExpiry.BAD_REQUEST_SYNC_STATE_NOT_FOUND, 400);
    }

    /** What TouchpointSync does on CURSOR_INVALID: a fresh cursor for the resync window, deduplicated by provider id. */
    private void resyncAfterExpiry(DeltaExpiry expiry, int status) throws Exception {
        c.mailbox.expireTokensAs(expiry);
        deliver(1, 3);
        try (ConnectorSession session = c.openSession()) {
            Fetching.Drained first = Fetching.drain(session, session.initialCursor(InitialSync.everything()), 10);
            Set<String> stored = new HashSet<>(first.messages().stream().map(FetchedMessage::providerId).toList());
            c.mailbox.invalidateDeltaTokens();
            deliver(4, 5);

            assertKind(FailureKind.CURSOR_INVALID, () -> session.fetch(first.cursor(), 10));
            assertThat(c.graph.requests(RequestKind.DELTA)).last().extracting(LoggedRequest::status).isEqualTo(status);

            List<FetchedMessage> resynced = Fetching.drain(session,
                    session.initialCursor(InitialSync.since(Instant.now().minus(Duration.ofDays(7)))), 2).messages();
            List<FetchedMessage> imported = resynced.stream().filter(m -> stored.add(m.providerId())).toList();

            assertThat(resynced).extracting(FetchedMessage::providerId).doesNotHaveDuplicates()
                    .containsAll(first.messages().stream().map(FetchedMessage::providerId).toList());
            assertThat(Fetching.messageIds(imported)).containsExactly("<tck-4@postline.test>", "<tck-5@postline.test>");
        }
    }

    @Test
    void goneInTheMiddleOfARoundShouldBeCursorInvalid() throws Exception {
        deliver(1, 4);
        try (ConnectorSession session = c.openSession()) {
            SyncCursor next = session.fetch(session.initialCursor(InitialSync.everything()), 2).next();
            c.graph.failNext(RequestKind.DELTA, Fault.gone());

            assertKind(FailureKind.CURSOR_INVALID, () -> session.fetch(next, 2));
        }
    }

    @Test
    void tooManyRequestsShouldBeThrottledWithTheAdvisedPause() throws Exception {
        deliver(1, 1);
        try (ConnectorSession session = c.openSession()) {
            SyncCursor start = session.initialCursor(InitialSync.everything());
            c.graph.failNext(RequestKind.DELTA, Fault.tooManyRequests(Duration.ofSeconds(7)));

            ConnectorException e = assertKind(FailureKind.THROTTLED, () -> session.fetch(start, 10));
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(Fetching.messageIds(session.fetch(start, 10).messages())).containsExactly("<tck-1@postline.test>");
        }
    }

    @Test
    void retryAfterGivenAsAnHttpDateShouldBeHonoured() throws Exception {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(120).atOffset(ZoneOffset.UTC));
        c.graph.failNext(RequestKind.DELTA, Fault.tooManyRequests(Duration.ZERO).withRetryAfter(inTwoMinutes));
        try (ConnectorSession session = c.openSession()) {
            ConnectorException e = assertKind(FailureKind.THROTTLED, () -> session.initialCursor(InitialSync.fromNow()));

            assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121)));
        }
    }

    @Test
    void serviceUnavailableShouldBeThrottled() throws Exception {
        deliver(1, 2);
        try (ConnectorSession session = c.openSession()) {
            SyncCursor start = session.initialCursor(InitialSync.everything());
            c.graph.failNext(RequestKind.MIME_CONTENT, Fault.serviceUnavailable(Duration.ofSeconds(3)));

            ConnectorException e = assertKind(FailureKind.THROTTLED, () -> session.fetch(start, 10));
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
            assertThat(Fetching.drain(session, start, 10).messages()).hasSize(2);
        }
    }

    @Test
    void throttledSendShouldBeThrottledAndNotSendAnything() {
        c.graph.failNext(RequestKind.CREATE_MESSAGE, Fault.tooManyRequests(Duration.ofSeconds(2)));
        try (ConnectorSession session = c.openSession()) {
            ConnectorException e = assertKind(FailureKind.THROTTLED, () -> session.send(new OutboundMessage(
                    MimeCorpus.numbered(1, 0), GraphDoubleConnectorUnderTest.ADDRESS, List.of("x@customer.test"))));

            assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
            assertThat(c.graph.receivedBy("x@customer.test")).isEmpty();
        }
    }

    @Test
    void expiredTokenShouldBeAskedForOnceMoreAndTheRequestRetried() throws Exception {
        c.graph.failNext(RequestKind.DELTA, Fault.invalidAuthenticationToken());
        CountingCredentials credentials = new CountingCredentials(GraphDoubleConnectorUnderTest.TOKEN);
        try (ConnectorSession session = c.open(credentials)) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());

            assertThat(cursor.kind()).isEqualTo("graph");
            assertThat(credentials.asked).hasValue(2);
            assertThat(c.graph.requests(RequestKind.DELTA)).extracting(LoggedRequest::status).containsExactly(401, 200);
        }
    }

    @Test
    void tokenRefusedAgainAfterAskingOnceMoreShouldBeAuthRevoked() {
        c.graph.grantToken(GraphDoubleConnectorUnderTest.ADDRESS, "soon-revoked");
        c.graph.revokeToken("soon-revoked");
        CountingCredentials credentials = new CountingCredentials("soon-revoked", "still-not-valid");
        try (ConnectorSession session = c.open(credentials)) {
            assertKind(FailureKind.AUTH_REVOKED, () -> session.initialCursor(InitialSync.fromNow()));

            assertThat(credentials.asked).hasValue(2);
            assertThat(c.graph.requests()).extracting(LoggedRequest::status).containsExactly(401, 401);
        }
    }

    @Test
    void serverErrorShouldBeNetworkAndTheRetryLoseNothing() throws Exception {
        deliver(1, 3);
        try (ConnectorSession session = c.openSession()) {
            SyncCursor start = session.initialCursor(InitialSync.everything());
            c.graph.failNext(RequestKind.MIME_CONTENT, Fault.serverError(500));

            assertKind(FailureKind.NETWORK, () -> session.fetch(start, 10));
            assertThat(Fetching.messageIds(Fetching.drain(session, start, 10).messages()))
                    .containsExactly("<tck-1@postline.test>", "<tck-2@postline.test>", "<tck-3@postline.test>");
        }
    }

    @Test
    void aParallelBurstShouldNeverHaveMoreThanFourRequestsInFlightForOneMailbox() throws Exception {
        deliver(1, 6);
        c.graph.slowDown(Duration.ofMillis(40)); // long enough for eight unthrottled sessions to overlap
        List<Future<List<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> {
                    try (ConnectorSession session = c.openDirect()) {
                        return Fetching.messageIds(Fetching.drain(session, session.initialCursor(InitialSync.everything()), 2).messages());
                    }
                }));
            }
            for (int i = 0; i < 2; i++) {
                int n = 100 + i;
                results.add(pool.submit(() -> {
                    try (ConnectorSession session = c.openDirect()) {
                        session.send(new OutboundMessage(MimeCorpus.numbered(n, 0), GraphDoubleConnectorUnderTest.ADDRESS,
                                List.of("burst@customer.test")));
                        return List.of("sent");
                    }
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isNotEmpty();
            }
        }

        assertThat(c.mailbox.maxConcurrentRequests()).isBetween(2, GraphDouble.MAILBOX_CONCURRENCY_LIMIT);
        assertThat(c.graph.requests()).noneMatch(r -> r.status() == 429);
        assertThat(c.graph.receivedBy("burst@customer.test")).hasSize(2);
    }

    private static ConnectorException assertKind(FailureKind kind, ThrowingCallable call) {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, call);
        assertThat(e).as("expected a %s failure", kind).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }
}
