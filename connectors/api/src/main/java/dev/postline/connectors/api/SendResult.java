package dev.postline.connectors.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What the provider said about a sent message.
 *
 * @param providerId  the id the provider knows the message by (IMAP/SMTP: its Message-ID header)
 * @param serverReply the provider's acceptance text, e.g. {@code 250 2.0.0 Ok: queued as 4F2A}
 * @param storedCopy  where a copy was stored (e.g. the Sent folder UID), if the connector stored one
 */
public record SendResult(String providerId, String serverReply, Optional<String> storedCopy) {

    public SendResult {
        Objects.requireNonNull(providerId, "providerId");
        serverReply = serverReply == null ? "" : serverReply;
        Objects.requireNonNull(storedCopy, "storedCopy");
    }
}
