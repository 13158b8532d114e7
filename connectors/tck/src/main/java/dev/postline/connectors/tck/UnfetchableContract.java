package dev.postline.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.UnfetchableItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One message the provider cannot serve must be found and named, never skipped silently and never allowed
 * to block the rest: a batch over it fails (or stops before it), {@link ConnectorSession#fetchAlone} reports
 * it as unfetchable with a cursor past it, and an unreachable provider is a provider failure, not an item's.
 */
public interface UnfetchableContract {

    ConnectorUnderTest connector();

    private void mailboxWithOneUnservableMessage() {
        connector().deliver(MimeCorpus.numbered(1, 0));
        connector().deliver(MimeCorpus.numbered(2, 0));
        connector().deliverUnservable(MimeCorpus.numbered(3, 0));
        connector().deliver(MimeCorpus.numbered(4, 0));
        connector().deliver(MimeCorpus.numbered(5, 0));
    }

    @Test
    default void fetchingAloneShouldNameTheUnservableMessageAndLetTheOthersThrough() throws Exception {
        mailboxWithOneUnservableMessage();
        try (ConnectorSession session = connector().openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.everything());
            List<FetchedMessage> fetched = new ArrayList<>();
            List<UnfetchableItem> unfetchable = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                FetchBatch single = session.fetchAlone(cursor);
                assertThat(single.messages()).hasSizeLessThanOrEqualTo(1);
                fetched.addAll(single.messages());
                cursor = single.next();
                if (single.unfetchable().isPresent()) {
                    assertThat(single.messages()).isEmpty();
                    unfetchable.add(single.unfetchable().get());
                    cursor = single.unfetchable().get().cursorAfter(); // give up at once
                } else if (!single.more()) {
                    break;
                }
            }

            assertThat(Fetching.messageIds(fetched)).containsExactly("<tck-1@postline.test>", "<tck-2@postline.test>",
                    "<tck-4@postline.test>", "<tck-5@postline.test>");
            assertThat(unfetchable).singleElement().satisfies(item -> {
                assertThat(item.providerId()).isNotBlank();
                assertThat(item.reason()).isNotBlank();
                assertThat(fetched).extracting(FetchedMessage::providerId).doesNotContain(item.providerId());
                for (String secret : connector().secrets()) {
                    assertThat(item.reason()).doesNotContain(secret);
                }
            });
        }
    }

    @Test
    default void aBatchOverAnUnservableMessageShouldNeverMovePastItSilently() throws Exception {
        mailboxWithOneUnservableMessage();
        try (ConnectorSession session = connector().openSession()) {
            SyncCursor start = session.initialCursor(InitialSync.everything());
            try {
                FetchBatch batch = session.fetch(start, 10);
                // Not thrown: then it must have stopped before the message, or named it.
                assertThat(batch.unfetchable().isPresent() || !Fetching.messageIds(batch.messages()).contains("<tck-4@postline.test>"))
                        .as("a batch handed out mail after the unservable message without naming it").isTrue();
                assertThat(Fetching.messageIds(Fetching.drain(session, batch.next(), 10).messages()))
                        .doesNotContain("<tck-1@postline.test>");
            } catch (ConnectorException e) {
                assertThat(e.kind()).isIn(FailureKind.NETWORK, FailureKind.PERMANENT);
            }
        }
    }

    @Test
    default void anUnservableMessageShouldStayUnservableWhenFetchedAloneAgain() throws Exception {
        connector().deliverUnservable(MimeCorpus.numbered(1, 0));
        try (ConnectorSession session = connector().openSession()) {
            SyncCursor start = session.initialCursor(InitialSync.everything());
            UnfetchableItem first = session.fetchAlone(start).unfetchable().orElseThrow();
            FetchBatch again = session.fetchAlone(start);

            assertThat(again.unfetchable()).map(UnfetchableItem::providerId).contains(first.providerId());
            assertThat(session.fetch(first.cursorAfter(), 10).messages()).isEmpty();
        }
    }

    @Test
    default void anUnreachableProviderShouldFailFetchAloneNotReportAnUnfetchableMessage() throws Exception {
        connector().deliver(MimeCorpus.numbered(1, 0));
        SyncCursor start;
        try (ConnectorSession session = connector().openSession()) {
            start = session.initialCursor(InitialSync.everything());
        }
        try (ConnectorSession unreachable = connector().openSessionToUnreachableServer()) {
            // Where the cursor itself names the server (a Graph delta link), the session may still reach it;
            // what must never happen is an outage reported as one message's failure.
            try {
                assertThat(unreachable.fetchAlone(start).unfetchable()).isEmpty();
            } catch (ConnectorException e) {
                assertThat(e.kind()).isNotEqualTo(FailureKind.PERMANENT);
            }
        }
    }
}
