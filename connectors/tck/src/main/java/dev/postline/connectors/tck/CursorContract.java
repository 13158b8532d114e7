package dev.postline.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SyncCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Stored cursors: resume exactly, survive drops, and say so when they no longer apply. */
public interface CursorContract {

    ConnectorUnderTest connector();

    private void deliverNumbered(int from, int to, int padBytes) {
        IntStream.rangeClosed(from, to).forEach(i -> connector().deliver(MimeCorpus.numbered(i, padBytes)));
    }

    private static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "<tck-" + i + "@postline.test>").toList();
    }

    @Test
    default void fetchingFromStoredCursorShouldReturnNothingOldAndEverythingNew() throws Exception {
        deliverNumbered(1, 3, 0);
        String stored;
        try (ConnectorSession session = connector().openSession()) {
            stored = Fetching.drain(session, session.initialCursor(InitialSync.everything()), 2).cursor().serialize();
        }
        deliverNumbered(4, 5, 0);

        try (ConnectorSession later = connector().openSession()) {
            Fetching.Drained resumed = Fetching.drain(later, SyncCursor.parse(stored), 2);

            assertThat(Fetching.messageIds(resumed.messages())).containsExactlyElementsOf(ids(4, 5));
            assertThat(later.fetch(resumed.cursor(), 2).messages()).isEmpty();
        }
    }

    @Test
    default void connectionDroppedMidBatchShouldLoseNothingWhenResumedFromTheStoredCursor() throws Exception {
        deliverNumbered(1, 12, 16 * 1024);
        try (ConnectorSession session = connector().openSession()) {
            FetchBatch first = session.fetch(session.initialCursor(InitialSync.everything()), 4);
            SyncCursor stored = first.next();

            connector().dropConnectionDuringNextFetch();
            assertThatThrownBy(() -> session.fetch(stored, 4))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.NETWORK));

            List<String> all = new ArrayList<>(Fetching.messageIds(first.messages()));
            all.addAll(Fetching.messageIds(Fetching.drain(session, stored, 4).messages()));
            assertThat(all).containsExactlyElementsOf(ids(1, 12));
        }
    }

    @Test
    default void unstoredBatchShouldBeTheOnlyRepetitionAfterAReconnect() throws Exception {
        deliverNumbered(1, 9, 0);
        try (ConnectorSession session = connector().openSession()) {
            FetchBatch stored = session.fetch(session.initialCursor(InitialSync.everything()), 3);
            FetchBatch unstored = session.fetch(stored.next(), 3);
            connector().dropAllConnections();

            try (ConnectorSession reconnected = connector().openSession()) {
                List<String> resumed = Fetching.messageIds(Fetching.drain(reconnected, stored.next(), 3).messages());

                assertThat(Fetching.messageIds(unstored.messages())).containsExactlyElementsOf(ids(4, 6));
                assertThat(resumed).containsExactlyElementsOf(ids(4, 9));
            }
        }
    }

    @Test
    default void invalidatedCursorShouldBeReportedAsCursorInvalid() throws Exception {
        deliverNumbered(1, 2, 0);
        try (ConnectorSession session = connector().openSession()) {
            SyncCursor stored = Fetching.drain(session, session.initialCursor(InitialSync.everything()), 10).cursor();
            connector().invalidateCursors();
            deliverNumbered(3, 3, 0);

            assertCursorInvalid(() -> session.fetch(stored, 10));
            assertCursorInvalid(() -> session.awaitChanges(stored, Instant.now().plusSeconds(5)));
            try (ConnectorSession fresh = connector().openSession()) {
                assertCursorInvalid(() -> fresh.fetch(stored, 10));
            }
        }
    }

    @Test
    default void resyncAfterInvalidationShouldSeeTheWholeMailboxAgain() throws Exception {
        deliverNumbered(1, 2, 0);
        connector().invalidateCursors();
        deliverNumbered(3, 4, 0);
        try (ConnectorSession session = connector().openSession()) {
            List<String> resynced = Fetching.messageIds(
                    Fetching.drain(session, session.initialCursor(InitialSync.everything()), 10).messages());

            // What survives an invalidation is provider-specific; new mail must be there, each once.
            assertThat(resynced).doesNotHaveDuplicates().containsSubsequence(ids(3, 4));
        }
    }

    @Test
    default void cursorOfAnotherConnectorKindShouldBeReportedAsCursorInvalid() throws Exception {
        try (ConnectorSession session = connector().openSession()) {
            String ownKind = session.initialCursor(InitialSync.fromNow()).kind();
            for (String foreign : List.of("imap:v1:1:1", "gmail:v1:1", "graph:v1:https://graph.example/delta")) {
                SyncCursor cursor = SyncCursor.parse(foreign);
                if (!cursor.kind().equals(ownKind)) {
                    assertCursorInvalid(() -> session.fetch(cursor, 10));
                }
            }
        }
    }

    private static void assertCursorInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.kind()).isEqualTo(FailureKind.CURSOR_INVALID));
    }
}
