package dev.postline.core.outbound;

import dev.postline.core.common.EmailAddress;
import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.Direction;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.web.ApiException;
import dev.postline.mail.InvalidOutboundException;
import dev.postline.mail.MailAddress;
import dev.postline.mail.OutboundDraft;
import dev.postline.mail.OutboundMessageBuilder;
import dev.postline.mail.Subjects;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a reply into RFC 5322 bytes with the {@code postline-mail} builder: our signed Message-ID,
 * In-Reply-To = the customer message answered, References = the thread oldest first (trimmed by the
 * builder), "Re:" without stacking. The only class of the core that knows the builder's types.
 */
@Singleton
public class OutboundRendering {

    /** What a reply is made of. */
    public record Reply(Touchpoint touchpoint, Conversation conversation, List<MailMessage> history, String messageId,
                        @Nullable String text, @Nullable String html, List<EmailAddress> cc, List<EmailAddress> bcc, Instant date) {}

    /** The rendered message and what the outbox and the message row need from it. */
    public record Rendered(byte[] raw, String subject, String toJson, String ccJson, List<String> envelopeRecipients) {}

    private final OutboundMessageBuilder builder = new OutboundMessageBuilder();
    private final JsonMapper json;

    public OutboundRendering(JsonMapper json) {
        this.json = json;
    }

    public Rendered render(Reply reply) {
        Conversation c = reply.conversation();
        MailAddress customer = new MailAddress(c.customerAddress(), c.customerName());
        List<MailAddress> cc = reply.cc().stream().map(a -> new MailAddress(a.value(), "")).toList();
        List<MailAddress> bcc = reply.bcc().stream().map(a -> new MailAddress(a.value(), "")).toList();
        Optional<String> answered = reply.history().stream()
                .filter(m -> m.direction() == Direction.INBOUND && m.messageIdHeader() != null)
                .reduce((first, second) -> second).map(MailMessage::messageIdHeader);
        List<String> references = reply.history().stream().map(MailMessage::messageIdHeader).filter(Objects::nonNull).toList();
        String subject = Subjects.reply(c.subject());
        OutboundDraft draft = new OutboundDraft(new MailAddress(reply.touchpoint().address(), reply.touchpoint().displayName()),
                List.of(customer), cc, bcc, Optional.empty(), subject, reply.messageId(), answered, references,
                Optional.ofNullable(reply.text()), Optional.ofNullable(reply.html()), List.of(), List.of(), Map.of(), reply.date());
        byte[] raw;
        try {
            raw = builder.build(draft);
        } catch (InvalidOutboundException e) {
            throw ApiException.invalid(e.field(), e.reason());
        }
        List<String> envelope = new ArrayList<>();
        envelope.add(customer.address());
        cc.forEach(a -> envelope.add(a.address()));
        bcc.forEach(a -> envelope.add(a.address()));
        return new Rendered(raw, subject, toJson(List.of(customer)), toJson(cc), envelope);
    }

    private String toJson(List<MailAddress> addresses) {
        try {
            return json.writeValueAsString(addresses.stream()
                    .map(a -> Map.of("address", a.address(), "name", a.displayName() == null ? "" : a.displayName())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
