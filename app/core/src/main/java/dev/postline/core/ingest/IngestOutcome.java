package dev.postline.core.ingest;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * What became of one inbound message. For a {@link Kind#DUPLICATE} of a stored message (same Message-ID
 * and content), {@code messageId} is that stored message.
 */
public record IngestOutcome(Kind kind, @Nullable UUID conversationId, @Nullable UUID messageId, @Nullable String reason) {

    public enum Kind {
        STORED,
        DUPLICATE,
        QUARANTINED
    }

    static IngestOutcome stored(UUID conversationId, UUID messageId) {
        return new IngestOutcome(Kind.STORED, conversationId, messageId, null);
    }

    static IngestOutcome duplicate(String reason) {
        return new IngestOutcome(Kind.DUPLICATE, null, null, reason);
    }

    static final String SAME_MESSAGE = "the same message (Message-ID and content) is stored already";

    static IngestOutcome sameMessageAgain(UUID storedMessageId) {
        return new IngestOutcome(Kind.DUPLICATE, null, storedMessageId, SAME_MESSAGE);
    }

    /** A copy of a stored message, suppressed and counted (not a provider id seen again, nor our own mail). */
    public boolean sameMessageAgain() {
        return kind == Kind.DUPLICATE && SAME_MESSAGE.equals(reason);
    }

    static IngestOutcome quarantined(UUID quarantineId, String reason) {
        return new IngestOutcome(Kind.QUARANTINED, null, quarantineId, reason);
    }
}
