package dev.postline.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SyncCursor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pulling mail: complete, exactly once, unchanged, bounded. */
public interface FetchContract {

    ConnectorUnderTest connector();

    @Test
    default void initialFetchShouldReturnEveryMessageExactlyOnce() throws Exception {
        List<byte[]> corpus = MimeCorpus.all();
        corpus.forEach(connector()::deliver);

        try (ConnectorSession session = connector().openSession()) {
            SyncCursor start = session.initialCursor(InitialSync.everything());
            List<FetchedMessage> fetched = Fetching.drain(session, start, 5).messages();

            assertThat(Fetching.bodies(fetched))
                    .containsExactlyInAnyOrderElementsOf(corpus.stream().map(r -> Bytes.text(RawMessage.body(r))).toList());
            assertThat(fetched).extracting(FetchedMessage::providerId).doesNotHaveDuplicates();
        }
    }

    @Test
    default void fetchedMessagesShouldKeepTheirHeadersAndBodyUnchanged() throws Exception {
        List<byte[]> corpus = MimeCorpus.all();
        corpus.forEach(connector()::deliver);

        try (ConnectorSession session = connector().openSession()) {
            List<FetchedMessage> fetched = Fetching.drain(session, session.initialCursor(InitialSync.everything()), 50).messages();

            for (byte[] original : corpus) {
                FetchedMessage match = fetched.stream()
                        .filter(m -> Bytes.text(RawMessage.body(m.raw())).equals(Bytes.text(RawMessage.body(original))))
                        .findFirst().orElseThrow();
                for (String name : List.of("Message-ID", "Subject", "From", "In-Reply-To", "References", "Content-Type")) {
                    assertThat(RawMessage.header(match.raw(), name)).as(name).isEqualTo(RawMessage.header(original, name));
                }
            }
        }
    }

    @Test
    default void largeAttachmentShouldSurviveFetchByteExact() throws Exception {
        byte[] attachment = MimeCorpus.attachmentBytes(2 * 1024 * 1024, 42);
        connector().deliver(MimeCorpus.withAttachment("<large-fetch@postline.test>", "customer@customer.example",
                connector().touchpointAddress(), attachment));

        try (ConnectorSession session = connector().openSession()) {
            FetchBatch batch = session.fetch(session.initialCursor(InitialSync.everything()), 10);

            assertThat(batch.messages()).hasSize(1);
            List<byte[]> parts = RawMessage.parts(batch.messages().getFirst().raw(), MimeCorpus.LARGE_BOUNDARY);
            assertThat(RawMessage.decodeBase64Part(parts.get(1))).isEqualTo(attachment);
        }
    }

    @Test
    default void batchShouldNeverExceedTheRequestedSize() throws Exception {
        for (int i = 1; i <= 7; i++) {
            connector().deliver(MimeCorpus.numbered(i, 0));
        }

        try (ConnectorSession session = connector().openSession()) {
            FetchBatch first = session.fetch(session.initialCursor(InitialSync.everything()), 3);

            assertThat(first.messages()).hasSize(3);
            assertThat(first.more()).isTrue();
            assertThat(Fetching.drain(session, first.next(), 3).messages()).hasSize(4);
        }
    }

    @Test
    default void eachMessageShouldCarryTheCursorJustAfterIt() throws Exception {
        for (int i = 1; i <= 4; i++) {
            connector().deliver(MimeCorpus.numbered(i, 0));
        }

        try (ConnectorSession session = connector().openSession()) {
            FetchBatch batch = session.fetch(session.initialCursor(InitialSync.everything()), 4);
            SyncCursor afterSecond = batch.messages().get(1).cursorAfter();

            List<FetchedMessage> resumed = Fetching.drain(session, afterSecond, 10).messages();
            assertThat(Fetching.messageIds(resumed)).containsExactly("<tck-3@postline.test>", "<tck-4@postline.test>");
            assertThat(batch.messages().getLast().cursorAfter()).isEqualTo(batch.next());
        }
    }

    @Test
    default void fromNowCursorShouldSkipExistingMailAndCatchNewMail() throws Exception {
        connector().deliver(MimeCorpus.numbered(1, 0));
        connector().deliver(MimeCorpus.numbered(2, 0));

        try (ConnectorSession session = connector().openSession()) {
            SyncCursor now = session.initialCursor(InitialSync.fromNow());
            assertThat(session.fetch(now, 10).messages()).isEmpty();

            connector().deliver(MimeCorpus.numbered(3, 0));
            assertThat(Fetching.messageIds(Fetching.drain(session, now, 10).messages()))
                    .containsExactly("<tck-3@postline.test>");
        }
    }
}
