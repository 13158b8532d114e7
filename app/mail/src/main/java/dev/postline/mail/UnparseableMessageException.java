package dev.postline.mail;

/**
 * A raw message that cannot be turned into a {@link ParsedMessage}. The message is safe to store as
 * a quarantine reason and to show to an admin: it never quotes message content.
 */
public final class UnparseableMessageException extends Exception {

    public UnparseableMessageException(String reason) {
        super(reason);
    }

    public UnparseableMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
