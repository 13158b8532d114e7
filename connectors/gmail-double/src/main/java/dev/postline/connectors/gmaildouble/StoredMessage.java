package dev.postline.connectors.gmaildouble;

import java.util.List;

/**
 * One message in a double mailbox, as Gmail describes it in a {@code Message} resource.
 *
 * @param seq          arrival order inside the double, the tie-breaker of Gmail's newest-first listing
 * @param internalDate receipt time in epoch milliseconds (Gmail's {@code internalDate})
 */
public record StoredMessage(String id, String threadId, List<String> labelIds, long historyId, long internalDate,
                            long seq, byte[] raw) {

    public StoredMessage {
        labelIds = List.copyOf(labelIds);
    }

    /** The Message-ID header, without angle brackets, or "" when absent. */
    public String rfc822MessageId() {
        return MimeHeaders.bareId(MimeHeaders.first(raw, "Message-ID").orElse(""));
    }
}
