package dev.postline.connectors.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.postline.connectors.api.ChangeHints;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.connectors.api.WaitOutcome;
import dev.postline.connectors.graphdouble.Fault;
import dev.postline.connectors.graphdouble.GraphMailbox;
import dev.postline.connectors.graphdouble.LoggedRequest;
import dev.postline.connectors.graphdouble.RequestKind;
import dev.postline.connectors.tck.Fetching;
import dev.postline.connectors.tck.MimeCorpus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Graph-specific behaviour beyond the contract kit: ids, sending after a crash, identity, polling. */
class GraphConnectorBehaviourTest {

    private static final String CUSTOMER = "customer@customer.test";

    private GraphDoubleConnectorUnderTest c;

    @BeforeEach
    void setUp() {
        c = new GraphDoubleConnectorUnderTest();
    }

    @AfterEach
    void tearDown() {
        c.close();
    }

    private OutboundMessage reply(int n) {
        return new OutboundMessage(MimeCorpus.numbered(n, 0), GraphDoubleConnectorUnderTest.ADDRESS, List.of(CUSTOMER));
    }

    @Test
    void everyRequestShouldAskForImmutableIdsAndTheSentIdShouldBeTheOneInSentItems() throws Exception {
        c.deliver(MimeCorpus.numbered(1, 0));
        SendResult sent;
        try (ConnectorSession session = c.openSession()) {
            Fetching.drain(session, session.initialCursor(InitialSync.everything()), 10);
            sent = session.send(reply(2));
        }

        assertThat(c.graph.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.prefer()).anyMatch(p -> p.contains("IdType=\"ImmutableId\"")));
        assertThat(c.mailbox.messagesIn(GraphMailbox.SENT_ITEMS)).singleElement()
                .satisfies(m -> assertThat(m.immutableId()).isEqualTo(sent.providerId()));
    }

    @Test
    void sendingAgainAfterACrashShouldFindTheSentItemAndNotSendTwice() throws Exception {
        SendResult first;
        try (ConnectorSession session = c.openSession()) {
            first = session.send(reply(7));
        }
        SendResult retried;
        try (ConnectorSession restarted = c.openSession()) {
            retried = restarted.send(reply(7));
        }

        assertThat(retried.providerId()).isEqualTo(first.providerId());
        assertThat(retried.serverReply()).contains("not sent again");
        assertThat(c.graph.receivedBy(CUSTOMER)).hasSize(1);
        assertThat(c.graph.requests(RequestKind.SEND_DRAFT)).hasSize(1);
    }

    @Test
    void aDraftLeftByAFailedSendShouldBeSentOnRetryWithoutASecondCopy() throws Exception {
        c.graph.failNext(RequestKind.SEND_DRAFT, Fault.serverError(502));
        try (ConnectorSession session = c.openSession()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.send(reply(8)));
            assertThat(e.kind()).isEqualTo(FailureKind.NETWORK);
            assertThat(c.mailbox.messagesIn(GraphMailbox.DRAFTS)).hasSize(1);

            session.send(reply(8));
        }

        assertThat(c.graph.requests(RequestKind.CREATE_MESSAGE)).hasSize(1);
        assertThat(c.mailbox.messagesIn(GraphMailbox.DRAFTS)).isEmpty();
        assertThat(c.mailbox.messagesIn(GraphMailbox.SENT_ITEMS)).hasSize(1);
        assertThat(c.graph.receivedBy(CUSTOMER)).hasSize(1);
    }

    @Test
    void updatedAndRemovedMessagesShouldNotBeFetchedAgain() throws Exception {
        String first = c.mailbox.deliver(MimeCorpus.numbered(1, 0));
        String second = c.mailbox.deliver(MimeCorpus.numbered(2, 0));
        try (ConnectorSession session = c.openSession()) {
            SyncCursor synced = Fetching.drain(session, session.initialCursor(InitialSync.everything()), 10).cursor();
            c.mailbox.markRead(first);
            c.mailbox.delete(second);
            c.deliver(MimeCorpus.numbered(3, 0));

            assertThat(Fetching.messageIds(Fetching.drain(session, synced, 10).messages()))
                    .containsExactly("<tck-3@postline.test>");
        }
    }

    @Test
    void aResyncWindowShouldOnlyBringMailReceivedInsideIt() throws Exception {
        Instant now = Instant.now();
        c.mailbox.deliver(MimeCorpus.numbered(1, 0), now.minus(Duration.ofDays(10)));
        c.mailbox.deliver(MimeCorpus.numbered(2, 0), now.minus(Duration.ofDays(1)));
        c.deliver(MimeCorpus.numbered(3, 0));
        try (ConnectorSession session = c.openSession()) {
            SyncCursor window = session.initialCursor(InitialSync.since(now.minus(Duration.ofDays(2))));

            assertThat(Fetching.messageIds(Fetching.drain(session, window, 10).messages()))
                    .containsExactly("<tck-2@postline.test>", "<tck-3@postline.test>");
        }
    }

    @Test
    void verifyShouldRefuseATokenOfAnotherMailboxNamingBoth() {
        c.graph.addMailbox("someone.else@contoso.test", "token-of-someone-else");
        try (ConnectorSession session = c.open(GraphDoubleConnectorUnderTest.token("token-of-someone-else"))) {
            VerifyResult result = session.verify();

            assertThat(result.ok()).isFalse();
            assertThat(result.checks()).singleElement().satisfies(check -> {
                assertThat(check.name()).isEqualTo("graph-login");
                assertThat(check.detail()).contains("someone.else@contoso.test", GraphDoubleConnectorUnderTest.ADDRESS);
            });
        }
    }

    @Test
    void pollingShouldKeepTheStoredCursorUsableWhenExchangeKeepsFewDeltaTokens() throws Exception {
        c.mailbox.deltaTokenCapacity(2);
        try (ConnectorSession session = c.openSession()) {
            SyncCursor stored = session.initialCursor(InitialSync.fromNow());
            assertThat(session.awaitChanges(stored, Instant.now().plusMillis(3500))).isEqualTo(WaitOutcome.TIMEOUT);
            assertThat(c.graph.requests(RequestKind.DELTA).size()).as("initial run plus polls").isGreaterThanOrEqualTo(3);
            c.deliver(MimeCorpus.numbered(1, 0));

            assertThat(Fetching.messageIds(Fetching.drain(session, stored, 10).messages()))
                    .containsExactly("<tck-1@postline.test>");
            // The stored token itself did fall out of the cache: only the session's newer link kept it usable.
            try (ConnectorSession fresh = c.openSession()) {
                ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> fresh.fetch(stored, 10));
                assertThat(e.kind()).isEqualTo(FailureKind.CURSOR_INVALID);
            }
        }
    }

    @Test
    void aBatchEndingInsideAPageShouldResumeWithTheRestOfThatPage() throws Exception {
        for (int i = 1; i <= 5; i++) {
            c.deliver(MimeCorpus.numbered(i, 0));
        }
        try (ConnectorSession session = c.openSession()) {
            SyncCursor start = session.initialCursor(InitialSync.everything());
            var batch = session.fetch(start, 5);
            SyncCursor afterThird = batch.messages().get(2).cursorAfter();

            assertThat(afterThird.serialize()).contains("#done=");
            try (ConnectorSession restarted = c.openSession()) {
                assertThat(Fetching.messageIds(Fetching.drain(restarted, SyncCursor.parse(afterThird.serialize()), 5).messages()))
                        .containsExactly("<tck-4@postline.test>", "<tck-5@postline.test>");
            }
        }
    }

    @Test
    void aCursorOfAnotherGraphEndpointShouldBeCursorInvalidWithoutARequest() {
        try (ConnectorSession session = c.openSession()) {
            SyncCursor foreign = SyncCursor.parse("graph:v1:https://graph.microsoft.com/v1.0/me/mailFolders/inbox/messages/delta?$deltatoken=x");
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.fetch(foreign, 10));

            assertThat(e.kind()).isEqualTo(FailureKind.CURSOR_INVALID);
            assertThat(c.graph.requests()).isEmpty();
        }
    }

    @Test
    void deltaRequestsShouldAskForNewMailOnlyInPagesNoLargerThanTheBatch() throws Exception {
        for (int i = 1; i <= 3; i++) {
            c.deliver(MimeCorpus.numbered(i, 0));
        }
        try (ConnectorSession session = c.openSession()) {
            session.fetch(session.initialCursor(InitialSync.everything()), 2);
        }

        LoggedRequest first = c.graph.requests(RequestKind.DELTA).getFirst();
        assertThat(first.target()).contains("changeType=created");
        assertThat(first.prefer()).anyMatch(p -> p.contains("odata.maxpagesize=2"));
    }

    /** Issue #14 target 3: polls, fetches and the session's other calls share one kept-alive connection. */
    @Test
    void pollsAndFetchesShouldReuseOneConnection() throws Exception {
        try (ConnectorSession session = c.openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            for (int i = 1; i <= 3; i++) {
                c.deliver(MimeCorpus.numbered(i, 0));
                assertThat(session.awaitChanges(cursor, Instant.now().plusSeconds(20))).isEqualTo(WaitOutcome.CHANGED);
                cursor = Fetching.drain(session, cursor, 10).cursor();
            }
            assertThat(session.awaitChanges(cursor, Instant.now().plusSeconds(3))).isEqualTo(WaitOutcome.TIMEOUT);
        }

        assertThat(c.link().acceptedConnections()).as("connections made for 3 fetches and the polls between").isEqualTo(1);
    }

    /**
     * Issue #14 target 3: once change notifications reach the session, a wait right after a fetch that read the
     * delta to its end does not poll at once; a notification that comes after that fetch still ends the wait at
     * once, so the mail it is about is fetched.
     */
    @Test
    void waitAfterAFetchToTheEndShouldNotPollAgainOnceNotificationsReachTheSession() throws Exception {
        c.close();
        c = new GraphDoubleConnectorUnderTest(java.util.Map.of("pollIntervalSeconds", "3"));
        try (ConnectorSession session = c.openSession()) {
            ChangeHints hints = (ChangeHints) session;
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            c.deliver(MimeCorpus.numbered(1, 0));
            hints.changeHinted();
            assertThat(session.awaitChanges(cursor, Instant.now().plusSeconds(20))).isEqualTo(WaitOutcome.CHANGED);
            cursor = Fetching.drain(session, cursor, 10).cursor();
            int before = c.graph.requests(RequestKind.DELTA).size();

            assertThat(session.awaitChanges(cursor, Instant.now().plusSeconds(1))).isEqualTo(WaitOutcome.TIMEOUT);
            assertThat(c.graph.requests(RequestKind.DELTA).size() - before)
                    .as("delta requests of a 1 s wait right after a fetch to the end, notifications working").isZero();

            cursor = Fetching.drain(session, cursor, 10).cursor();
            c.deliver(MimeCorpus.numbered(2, 0));
            hints.changeHinted(); // the notification of mail that arrived after the fetch, before the wait
            before = c.graph.requests(RequestKind.DELTA).size();
            assertThat(session.awaitChanges(cursor, Instant.now().plusSeconds(20))).isEqualTo(WaitOutcome.CHANGED);
            assertThat(c.graph.requests(RequestKind.DELTA).size() - before).as("ended by the kept notification, not by a poll").isZero();
            assertThat(Fetching.drain(session, cursor, 10).messages()).hasSize(1);
        }
    }
}
