package dev.postline.core.ingest;

import dev.postline.core.conversation.MessageFlag;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A parsed inbound message, as the pipeline needs it (built by {@link MailParsing}). {@code from} is
 * the customer: the From mailbox or the header that stood in for it, named by {@code fromSource}
 * (FROM, SENDER, REPLY_TO, RETURN_PATH, ADMIN). {@code authenticationResults} are every such
 * header, top first, with their authserv-ids: none is trusted until {@link AuthservTrust} says so.
 */
public record IncomingMail(
        @Nullable String messageId,
        List<String> inReplyTo,
        List<String> references,
        Address from,
        String fromSource,
        List<Address> to,
        List<Address> cc,
        String subject,
        @Nullable Instant sentAt,
        @Nullable String text,
        @Nullable String html,
        List<Part> attachments,
        Set<MessageFlag> automationFlags,
        @Nullable String reportedMessageId,
        List<AuthResult> authenticationResults) {

    public record Address(String address, String name) {}

    /** One Authentication-Results header; {@code authservId} empty when the header names none. */
    public record AuthResult(String authservId, String value) {}

    /** A file of the message, by its decoded size: its bytes stay in the raw message (see AttachmentContent). */
    public record Part(String fileName, String contentType, long size, @Nullable String contentId, boolean inline) {}

    /** The ids this message answers, newest first: In-Reply-To, then References from the end. */
    public List<String> answeredIds() {
        var ids = new java.util.ArrayList<>(inReplyTo);
        for (int i = references.size() - 1; i >= 0; i--) {
            if (!ids.contains(references.get(i))) {
                ids.add(references.get(i));
            }
        }
        return ids;
    }
}
