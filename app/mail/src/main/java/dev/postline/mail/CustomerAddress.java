package dev.postline.mail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whom a received message is from, for answering it: the From mailbox, else (From missing or
 * unusable) Sender, then the first Reply-To, then the envelope Return-Path. Only when none of them
 * holds a usable address is the message without a customer (the caller quarantines it).
 *
 * @param source which header supplied {@code address}
 */
public record CustomerAddress(MailAddress address, Source source) {

    /** The header a customer address came from, in the order they are tried. */
    public enum Source { FROM, SENDER, REPLY_TO, RETURN_PATH }

    public CustomerAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(source, "source");
    }

    public static Optional<CustomerAddress> of(ParsedMessage m) {
        return m.from().map(a -> new CustomerAddress(a, Source.FROM))
                .or(() -> m.sender().map(a -> new CustomerAddress(a, Source.SENDER)))
                .or(() -> m.replyTo().stream().findFirst().map(a -> new CustomerAddress(a, Source.REPLY_TO)))
                .or(() -> returnPath(m).map(a -> new CustomerAddress(a, Source.RETURN_PATH)));
    }

    /** The null reverse-path {@code <>} is no address; anything else goes through the same checks as From. */
    private static Optional<MailAddress> returnPath(ParsedMessage m) {
        return m.automation().returnPath().filter(p -> !p.isEmpty())
                .flatMap(p -> Addresses.parse(List.of(p), "Return-Path", new Warnings()).stream().findFirst());
    }
}
