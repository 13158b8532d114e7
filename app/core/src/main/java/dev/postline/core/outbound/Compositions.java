package dev.postline.core.outbound;

import dev.postline.core.web.InputCheck;
import dev.postline.mail.AuthoredHtmlSanitizer;
import dev.postline.mail.MailAddress;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Checks what a client asked to send, every field at once, before anything is read or written. An
 * agent's HTML goes through the same allow-list as signatures and templates: it is stored, shown to
 * other agents and sent to the customer, so nothing executable (scripts, event handlers,
 * {@code javascript:} links, frames) is kept, whichever portal composed it.
 */
public final class Compositions {

    static final int MAX_SUBJECT = 998;
    private static final AuthoredHtmlSanitizer SANITIZER = new AuthoredHtmlSanitizer();

    private Compositions() {}

    public static Composition reply(OutboundKind kind, UUID conversationId, ComposeRequest r) {
        return check(kind, conversationId, r.to(), r.cc(), r.bcc(), r.subject(), r.text(), r.html(), r.attachments(), r.touchpointId(), null);
    }

    public static Composition forward(UUID conversationId, ForwardRequest r) {
        return check(OutboundKind.FORWARD, conversationId, r.to(), r.cc(), r.bcc(), r.subject(), r.text(), r.html(), r.attachments(),
                r.touchpointId(), r.messageId());
    }

    public static Composition check(OutboundKind kind, UUID conversationId, @Nullable List<String> to, @Nullable List<String> cc,
                                    @Nullable List<String> bcc, @Nullable String subject, @Nullable String text, @Nullable String html,
                                    @Nullable List<UUID> attachments, @Nullable UUID touchpointId, @Nullable UUID forwardMessageId) {
        InputCheck in = InputCheck.start();
        html = hasText(html) ? SANITIZER.sanitize(html) : html;
        List<MailAddress> toList = Recipients.parse(in, "to", to);
        List<MailAddress> ccList = Recipients.parse(in, "cc", cc);
        List<MailAddress> bccList = Recipients.parse(in, "bcc", bcc);
        if (kind == OutboundKind.FORWARD) {
            in.check(to != null && !to.isEmpty(), "to", "a forward needs at least one recipient");
        } else {
            in.check(hasText(text) || showsSomething(html), "text", "a reply needs a text or an HTML body");
        }
        if (subject != null) {
            in.check(!InputCheck.hasControl(subject), "subject",
                    "must not contain line breaks or control characters");
            in.check(subject.length() <= MAX_SUBJECT, "subject", "must be at most " + MAX_SUBJECT + " characters");
            in.check(!subject.isBlank(), "subject", "must not be blank (leave it out for the default)");
        }
        in.check(attachments == null || attachments.stream().noneMatch(Objects::isNull), "attachments", "must not contain null");
        in.orThrow();
        List<UUID> uploads = attachments == null ? List.of() : attachments.stream().distinct().toList();
        return new Composition(kind, conversationId, toList, ccList, bccList, subject == null ? null : subject.strip(), text, html,
                uploads, touchpointId, forwardMessageId);
    }

    private static boolean hasText(@Nullable String s) {
        return s != null && !s.isBlank();
    }

    /** Sanitised HTML with some text or an image left (not, e.g., what remains of a script-only body). */
    private static boolean showsSomething(@Nullable String html) {
        return hasText(html) && (html.contains("<img") || !html.replaceAll("<[^>]*>", "").replace("&nbsp;", "").replace("&#160;", "").isBlank());
    }
}
