package dev.postline.connectors.api;

import java.util.List;
import java.util.Objects;

/**
 * One bounded result of {@link ConnectorSession#fetch}.
 *
 * @param messages in provider order, at most the requested number
 * @param next     where the next fetch starts; never behind the last message's {@code cursorAfter}
 * @param more     true when the provider has more after {@code next} right now
 */
public record FetchBatch(List<FetchedMessage> messages, SyncCursor next, boolean more) {

    public FetchBatch {
        messages = List.copyOf(messages);
        Objects.requireNonNull(next, "next");
    }
}
