package dev.postline.mail;

import java.util.Objects;

/**
 * Why a raw message was refused before parsing. {@link #reason()} is safe to show to an admin: it
 * names the limit and never quotes message content.
 */
public record LimitViolation(Kind kind, String reason) {

    /** Which limit of {@link MailLimits} was exceeded. */
    public enum Kind {
        TOTAL_SIZE,
        NESTING_DEPTH,
        PART_COUNT,
        HEADER_COUNT,
        HEADER_FIELD_LENGTH,
        ADDRESS_COUNT
    }

    public LimitViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
