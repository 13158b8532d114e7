package dev.postline.connectors.api;

import java.util.Objects;

/**
 * A message the provider lists but could not deliver on its own, while it answered otherwise (IMAP: the
 * server drops the connection whenever this message's body is fetched, e.g. a corrupt file on the server;
 * Gmail/Graph: the download of this one message fails with a server error while others succeed). Reported
 * by {@link ConnectorSession#fetchAlone}; the core decides how often to try again before it gives up.
 *
 * @param providerId  the provider's id for the message, as {@link FetchedMessage#providerId()} would be
 * @param reason      why it could not be fetched, safe to show an admin (no secret, no content)
 * @param cursorAfter the position just after this message: where to continue once the caller gives up on it
 */
public record UnfetchableItem(String providerId, String reason, SyncCursor cursorAfter) {

    public UnfetchableItem {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cursorAfter, "cursorAfter");
    }
}
