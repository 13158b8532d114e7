package dev.postline.mail;

import java.util.Objects;

/**
 * An outbound message that must not be sent as given: a line break or control character in a
 * header value, an invalid address, a malformed id or header name. The API answers it with a 4xx.
 *
 * <p>{@link #field()} names the offending draft field ({@code subject}, {@code to[1]},
 * {@code attachments[0].fileName}, {@code extraHeaders[X-Foo]}, …) and {@link #reason()} says what
 * is wrong. Neither ever repeats the rejected value, so both are safe to show and to log.
 */
public final class InvalidOutboundException extends Exception {

    private final String field;
    private final String reason;

    public InvalidOutboundException(String field, String reason) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(reason, "reason"));
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
