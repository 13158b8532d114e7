package dev.postline.connectors.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One bounded result of {@link ConnectorSession#fetch}.
 *
 * @param messages  in provider order, at most the requested number
 * @param next      where the next fetch starts; never behind the last message's {@code cursorAfter}
 * @param more      true when the provider has more after {@code next} right now
 * @param remaining how many messages wait after {@code next}, when the provider can tell cheaply
 *                  (for progress displays only; never used to decide whether to fetch again)
 * @param unfetchable the message right after {@code next} that the provider could not deliver (only from
 *                  {@link ConnectorSession#fetchAlone}); {@code next} is then never past it and {@code more}
 *                  is true, so a caller that does not give up on it fetches it again
 */
public record FetchBatch(List<FetchedMessage> messages, SyncCursor next, boolean more, OptionalLong remaining,
                         Optional<UnfetchableItem> unfetchable) {

    public FetchBatch {
        messages = List.copyOf(messages);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(unfetchable, "unfetchable");
        if (unfetchable.isPresent() && !more) {
            throw new IllegalArgumentException("a batch that stops at an unfetchable message has more after it");
        }
    }

    public FetchBatch(List<FetchedMessage> messages, SyncCursor next, boolean more, OptionalLong remaining) {
        this(messages, next, more, remaining, Optional.empty());
    }

    /** A batch from a connector that cannot count what remains. */
    public FetchBatch(List<FetchedMessage> messages, SyncCursor next, boolean more) {
        this(messages, next, more, OptionalLong.empty());
    }

    /** Nothing delivered: the message after {@code before} could not be fetched on its own. */
    public static FetchBatch stoppedAt(SyncCursor before, UnfetchableItem item) {
        return new FetchBatch(List.of(), before, true, OptionalLong.empty(), Optional.of(item));
    }
}
