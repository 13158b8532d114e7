package dev.postline.connectors.api;

import java.util.Objects;

/**
 * One message as the provider stores it.
 *
 * @param providerId  the provider's id for it, unique within the touchpoint (IMAP: {@code uidvalidity:uid})
 * @param raw         the RFC 5322 bytes, unmodified; owned by the receiver (not copied, for big mail)
 * @param cursorAfter storing this cursor means "this message and everything before it is done"
 */
public record FetchedMessage(String providerId, byte[] raw, SyncCursor cursorAfter) {

    public FetchedMessage {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(cursorAfter, "cursorAfter");
    }

    @Override
    public String toString() {
        return "FetchedMessage[" + providerId + ", " + raw.length + " bytes, " + cursorAfter.serialize() + "]";
    }
}
