package dev.postline.core.ingest;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/** What became of one inbound message. */
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

    static IngestOutcome quarantined(UUID quarantineId, String reason) {
        return new IngestOutcome(Kind.QUARANTINED, null, quarantineId, reason);
    }
}
