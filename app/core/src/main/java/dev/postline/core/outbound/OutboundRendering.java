package dev.postline.core.outbound;

import dev.postline.core.branding.Decoration;
import dev.postline.core.branding.MessageVariables;
import dev.postline.core.branding.TouchpointBranding;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.ApiException;
import dev.postline.mail.InvalidOutboundException;
import dev.postline.mail.MailAddress;
import dev.postline.mail.OutboundDraft;
import dev.postline.mail.OutboundMessageBuilder;
import dev.postline.mail.OutboundPart;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns an outgoing message into RFC 5322 bytes with the {@code postline-mail} builder, after the
 * touchpoint's decoration (template header and footer, signature, inline images, contact card) is
 * put around the body the agent wrote. The only class of the core that knows the builder's types.
 */
@Singleton
public class OutboundRendering {

    /** What goes out, before the touchpoint adds its decoration. Threading ids are without angle brackets. */
    public record Outgoing(UUID touchpointId, MailAddress from, List<MailAddress> to, List<MailAddress> cc, List<MailAddress> bcc,
                           String subject, String messageId, Optional<String> inReplyTo, List<String> references,
                           @Nullable String text, @Nullable String html, List<OutboundPart> attachments,
                           Map<String, String> extraHeaders, Instant date) {}

    /** The rendered message and what the outbox and the message row need from it. */
    public record Rendered(byte[] raw, String subject, String toJson, String ccJson, List<String> envelopeRecipients) {}

    private final OutboundMessageBuilder builder = new OutboundMessageBuilder();
    private final TouchpointBranding branding;
    private final TenantTransactions tx;
    private final JsonMapper json;

    public OutboundRendering(TouchpointBranding branding, TenantTransactions tx, JsonMapper json) {
        this.branding = branding;
        this.tx = tx;
        this.json = json;
    }

    /** Asks the touchpoint for its decoration (in a read transaction of the tenant), applies it and builds the bytes. */
    public Rendered render(TenantId tenant, Outgoing outgoing, MessageVariables variables, TouchpointBranding.Purpose purpose) {
        Decoration decoration = tx.read(tenant, () -> branding.decorate(tenant, outgoing.touchpointId(), variables, purpose));
        return render(outgoing, decoration);
    }

    /** Builds the bytes of {@code outgoing} decorated with {@code decoration}; a header the builder refuses is a 400. */
    public Rendered render(Outgoing outgoing, Decoration decoration) {
        OutboundDraft draft = decorated(outgoing, decoration);
        byte[] raw;
        try {
            raw = builder.build(draft);
        } catch (InvalidOutboundException e) {
            throw ApiException.invalid(e.field(), e.reason());
        }
        return new Rendered(raw, outgoing.subject(), toJson(outgoing.to()), toJson(outgoing.cc()), draft.envelopeRecipients());
    }

    /**
     * The decoration applied, without side effects: HTML = header + the agent's body + signature +
     * footer; text = the agent's text + {@code "\n\n-- \n"} + the signature's text form; inline
     * images as {@code cid:} parts; the contact card after the agent's attachments. When the
     * decoration brings HTML (or images) and the agent wrote only text, the HTML body is the text,
     * escaped. Without a decoration the message is exactly what the agent wrote.
     */
    static OutboundDraft decorated(Outgoing o, Decoration d) {
        boolean decoratesHtml = !d.headerHtml().isEmpty() || !d.footerHtml().isEmpty() || !d.signatureHtml().isEmpty()
                || !d.inlineImages().isEmpty();
        String html = o.html();
        if (html == null && decoratesHtml && o.text() != null) {
            html = HtmlText.paragraphs(o.text());
        }
        if (html != null && decoratesHtml) {
            html = d.headerHtml() + html + d.signatureHtml() + d.footerHtml();
        }
        String text = o.text();
        if (text != null && !d.signatureText().isBlank()) {
            text = text + "\n\n-- \n" + d.signatureText();
        }
        List<OutboundPart> attachments = new ArrayList<>(o.attachments());
        d.contactCard().ifPresent(attachments::add);
        List<OutboundPart> inline = html == null ? List.of() : d.inlineImages();
        return new OutboundDraft(o.from(), o.to(), o.cc(), o.bcc(), Optional.empty(), o.subject(), o.messageId(), o.inReplyTo(),
                o.references(), Optional.ofNullable(text), Optional.ofNullable(html), attachments, inline, o.extraHeaders(), o.date());
    }

    private String toJson(List<MailAddress> addresses) {
        try {
            return json.writeValueAsString(addresses.stream()
                    .map(a -> Map.of("address", a.address(), "name", a.displayName())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
