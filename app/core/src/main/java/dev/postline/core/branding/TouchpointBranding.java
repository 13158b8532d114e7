package dev.postline.core.branding;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.branding.TemplateVariables.Mode;
import dev.postline.core.tenant.TenantId;
import dev.postline.mail.HtmlImageSources;
import dev.postline.mail.HtmlText;
import dev.postline.mail.OutboundPart;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place outbound rendering asks what a touchpoint adds to a message (signature, template,
 * contact card). Rendering applies the {@link Decoration}; this class decides what it contains:
 *
 * <ul>
 *   <li>template header and footer: always, variables filled (HTML-escaped);</li>
 *   <li>the signature, HTML and its text form: only when active, and never on an
 *       {@link Purpose#AUTO_REPLY} — an auto-reply is written by no agent ({{agent.name}} would be
 *       empty) and its own text already says who it is from;</li>
 *   <li>inline images: exactly those the header, footer and signature used here refer to;</li>
 *   <li>the contact card ({@code .vcf}, vCard 4.0): only on {@link Purpose#FIRST_MESSAGE} and only
 *       when the touchpoint enables it.</li>
 * </ul>
 */
@Singleton
public class TouchpointBranding {

    /** Why a message is being written: decides whether the contact card and signature apply. */
    public enum Purpose { FIRST_MESSAGE, REPLY, FORWARD, AUTO_REPLY }

    private final BrandingSettingsRepository settings;
    private final BrandingImageRepository images;
    private final BlobStore blobs;

    public TouchpointBranding(BrandingSettingsRepository settings, BrandingImageRepository images, BlobStore blobs) {
        this.settings = settings;
        this.images = images;
        this.blobs = blobs;
    }

    /**
     * Must be called inside a tenant transaction (read) of {@code tenant}.
     */
    public Decoration decorate(TenantId tenant, UUID touchpointId, MessageVariables variables, Purpose purpose) {
        Optional<BrandingSettings> found = settings.findByTenantIdAndTouchpointId(tenant.value(), touchpointId);
        if (found.isEmpty()) {
            return Decoration.NONE;
        }
        BrandingSettings s = found.get();
        boolean signed = s.signatureActive() && !s.signatureHtml().isBlank() && purpose != Purpose.AUTO_REPLY;
        String signatureTemplate = signed ? s.signatureHtml() : "";
        List<String> cids = HtmlImageSources.contentIds(s.headerHtml() + signatureTemplate + s.footerHtml());
        List<OutboundPart> inline = cids.isEmpty() ? List.of()
                : images.findByTenantIdAndTouchpointIdOrderByCreatedAt(tenant.value(), touchpointId).stream()
                        .filter(image -> cids.contains(image.contentId()))
                        .map(image -> OutboundPart.inline(image.contentId(), image.fileName(), image.contentType(),
                                blobs.get(tenant, image.blobKey())))
                        .toList();
        Optional<OutboundPart> card = purpose == Purpose.FIRST_MESSAGE && s.cardEnabled()
                ? Optional.of(contactCard(s.card(), variables.touchpointName())) : Optional.empty();
        return new Decoration(
                TemplateVariables.render(s.headerHtml(), variables, Mode.HTML),
                TemplateVariables.render(s.footerHtml(), variables, Mode.HTML),
                TemplateVariables.render(signatureTemplate, variables, Mode.HTML),
                signed ? TemplateVariables.render(HtmlText.of(signatureTemplate), variables, Mode.TEXT) : "",
                inline, card);
    }

    private static OutboundPart contactCard(ContactCard card, String touchpointName) {
        String name = (card.fullName().isBlank() ? touchpointName : card.fullName()).replaceAll("[^A-Za-z0-9 _-]", "").strip();
        return OutboundPart.attachment((name.isEmpty() ? "contact" : name) + ".vcf", VCard.CONTENT_TYPE,
                VCard.of(card, touchpointName).getBytes(StandardCharsets.UTF_8));
    }
}
