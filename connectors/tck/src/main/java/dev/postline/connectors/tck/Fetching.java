package dev.postline.connectors.tck;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.SyncCursor;
import java.util.ArrayList;
import java.util.List;

/** The core's fetch loop in miniature: fetch batches until the provider has no more. */
public final class Fetching {

    /** Guards against a connector that always answers {@code more=true}. */
    private static final int MAX_BATCHES = 10_000;

    private Fetching() {
    }

    /** Everything after {@code since} plus the cursor to store afterwards. */
    public record Drained(List<FetchedMessage> messages, SyncCursor cursor) {
    }

    public static Drained drain(ConnectorSession session, SyncCursor since, int batchSize) throws ConnectorException {
        List<FetchedMessage> all = new ArrayList<>();
        SyncCursor cursor = since;
        for (int i = 0; i < MAX_BATCHES; i++) {
            FetchBatch batch = session.fetch(cursor, batchSize);
            if (batch.messages().size() > batchSize) {
                throw new AssertionError("batch of " + batch.messages().size() + " exceeds requested " + batchSize);
            }
            all.addAll(batch.messages());
            cursor = batch.next();
            if (!batch.more()) {
                return new Drained(all, cursor);
            }
        }
        throw new AssertionError("fetch never reported the end after " + MAX_BATCHES + " batches");
    }

    /** The bodies of messages, as strings for readable assertion output. */
    public static List<String> bodies(List<FetchedMessage> messages) {
        return messages.stream().map(m -> Bytes.text(RawMessage.body(m.raw()))).toList();
    }

    /** Message-IDs of messages (those without one are left out). */
    public static List<String> messageIds(List<FetchedMessage> messages) {
        return messages.stream().flatMap(m -> RawMessage.messageId(m.raw()).stream()).toList();
    }
}
