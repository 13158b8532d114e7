package dev.postline.core.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address validated once, at the edge. The domain is lower-cased; the local part is kept
 * as given (RFC 5321 leaves its case to the receiving server) but compared case-insensitively by
 * {@link #normalized()}, which is what uniqueness checks use.
 */
public record EmailAddress(String value) {

    private static final int MAX_LENGTH = 254;
    // Deliberately conservative: dot-atom local part, LDH domain labels. No quoted local parts,
    // no comments, no IP literals: none of them are legitimate for a support mailbox or a login.
    private static final Pattern SYNTAX = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    public EmailAddress {
        if (value == null || value.isBlank()) {
            throw new InvalidEmailAddressException("email address is required");
        }
        if (value.length() > MAX_LENGTH || !SYNTAX.matcher(value).matches()) {
            throw new InvalidEmailAddressException("not a valid email address");
        }
        int at = value.lastIndexOf('@');
        value = value.substring(0, at) + "@" + value.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    public static EmailAddress of(String value) {
        return new EmailAddress(value == null ? null : value.strip());
    }

    /** The form used for uniqueness and lookups. */
    public String normalized() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Raised for text that is not an acceptable email address; the message is safe to show. */
    public static final class InvalidEmailAddressException extends IllegalArgumentException {
        public InvalidEmailAddressException(String message) {
            super(message);
        }
    }
}
