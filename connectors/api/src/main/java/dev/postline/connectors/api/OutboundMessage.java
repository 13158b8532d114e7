package dev.postline.connectors.api;

import java.util.List;
import java.util.Objects;

/**
 * A rendered message ready to hand to the provider.
 *
 * @param raw            complete RFC 5322 bytes (CRLF line ends) including our Message-ID
 * @param envelopeSender SMTP MAIL FROM; usually the touchpoint address
 * @param recipients     SMTP RCPT TO, including BCC recipients absent from the headers
 */
public record OutboundMessage(byte[] raw, String envelopeSender, List<String> recipients) {

    public OutboundMessage {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(envelopeSender, "envelopeSender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is needed");
        }
    }
}
