package dev.postline.core.branding;

import dev.postline.mail.OutboundPart;
import java.util.List;
import java.util.Optional;

/**
 * What a touchpoint adds around the body an agent wrote: template header and footer, the active
 * signature (HTML and its text form), the inline images they reference by {@code cid:}, and the
 * contact card when this is the first message of a conversation and the touchpoint asks for one.
 * All HTML here is ours or sanitised; variables are already rendered.
 */
public record Decoration(
        String headerHtml,
        String footerHtml,
        String signatureHtml,
        String signatureText,
        List<OutboundPart> inlineImages,
        Optional<OutboundPart> contactCard) {

    public static final Decoration NONE = new Decoration("", "", "", "", List.of(), Optional.empty());
}
