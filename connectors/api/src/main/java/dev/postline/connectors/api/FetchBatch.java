package dev.postline.connectors.api;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One bounded result of {@link ConnectorSession#fetch}.
 *
 * @param messages  in provider order, at most the requested number
 * @param next      where the next fetch starts; never behind the last message's {@code cursorAfter}
 * @param more      true when the provider has more after {@code next} right now
 * @param remaining how many messages wait after {@code next}, when the provider can tell cheaply
 *                  (for progress displays only; never used to decide whether to fetch again)
 */
public record FetchBatch(List<FetchedMessage> messages, SyncCursor next, boolean more, OptionalLong remaining) {

    public FetchBatch {
        messages = List.copyOf(messages);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(remaining, "remaining");
    }

    /** A batch from a connector that cannot count what remains. */
    public FetchBatch(List<FetchedMessage> messages, SyncCursor next, boolean more) {
        this(messages, next, more, OptionalLong.empty());
    }
}
