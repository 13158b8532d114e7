package dev.postline.connectors.gmail;

import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends through {@code users.messages.send}.
 *
 * <ul>
 *   <li><b>No double send.</b> A message whose Message-ID is already in the mailbox's SENT label was sent by
 *       an earlier attempt (e.g. before a crash): its id is returned and nothing is sent again.</li>
 *   <li><b>Threading.</b> The SPI carries no Gmail thread id, so a reply's thread is found by searching
 *       {@code rfc822msgid:} for its In-Reply-To; Gmail then files the reply in the customer's thread.</li>
 *   <li><b>Envelope recipients.</b> Gmail delivers to the To/Cc/Bcc headers only, so recipients named only
 *       in the envelope are added as a Bcc header (Gmail removes Bcc from what recipients get). This is the
 *       one change made to the message.</li>
 *   <li><b>Size.</b> Messages over 5 MB go through the media upload endpoint instead of base64 in JSON.</li>
 * </ul>
 */
final class GmailSender {

    static final int UPLOAD_THRESHOLD_BYTES = 5 * 1024 * 1024;

    private final GmailApi api;

    GmailSender(GmailApi api) {
        this.api = api;
    }

    SendResult send(OutboundMessage message) throws ConnectorException {
        Optional<String> messageId = RawHeaders.messageId(message.raw(), "Message-ID");
        if (messageId.isPresent()) {
            Optional<Message> earlier = first(api.list("rfc822msgid:" + messageId.get(), "SENT", null, 1));
            if (earlier.isPresent()) {
                String id = earlier.get().getId();
                return new SendResult(id, "already sent earlier (Gmail message " + id + "); not sent again", Optional.of(id));
            }
        }
        String threadId = threadOf(message.raw()).orElse(null);
        byte[] raw = withEnvelopeRecipients(message.raw(), message.recipients());
        Message sent = raw.length > UPLOAD_THRESHOLD_BYTES ? api.upload(raw, threadId) : api.send(raw, threadId);
        String id = Objects.requireNonNullElse(sent.getId(), "");
        return new SendResult(id, "Gmail accepted the message as " + id + " in thread " + Objects.requireNonNullElse(sent.getThreadId(), ""),
                Optional.of(id));
    }

    private Optional<String> threadOf(byte[] raw) throws ConnectorException {
        Optional<String> inReplyTo = RawHeaders.messageId(raw, "In-Reply-To");
        if (inReplyTo.isEmpty()) {
            return Optional.empty();
        }
        return first(api.list("rfc822msgid:" + inReplyTo.get(), null, null, 1)).map(Message::getThreadId);
    }

    private static Optional<Message> first(ListMessagesResponse list) {
        List<Message> messages = list.getMessages();
        return messages == null || messages.isEmpty() ? Optional.empty() : Optional.ofNullable(messages.getFirst());
    }

    /** Prepends {@code Bcc:} for envelope recipients that no To/Cc/Bcc header names. */
    static byte[] withEnvelopeRecipients(byte[] raw, List<String> envelope) throws ConnectorException {
        List<String> named = RawHeaders.headerRecipients(raw);
        List<String> missing = envelope.stream().filter(r -> !named.contains(r.toLowerCase(Locale.ROOT))).distinct().toList();
        if (missing.isEmpty()) {
            return raw;
        }
        for (String address : missing) {
            if (address.chars().anyMatch(c -> c == '\r' || c == '\n' || c == ',' || c == '<' || c == '>')) {
                throw new ConnectorException(FailureKind.PERMANENT, "a recipient address contains a forbidden character");
            }
        }
        byte[] bcc = ("Bcc: " + String.join(", ", missing) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[bcc.length + raw.length];
        System.arraycopy(bcc, 0, out, 0, bcc.length);
        System.arraycopy(raw, 0, out, bcc.length, raw.length);
        return out;
    }
}
