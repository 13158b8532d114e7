package dev.postline.core.branding;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * What one touchpoint adds to its outbound mail. HTML is sanitised with {@code {{variables}}} in
 * place; empty strings mean "none". A signature can be kept inactive: only an active one is used.
 */
@MappedEntity("touchpoint_branding")
public record BrandingSettings(
        @Id UUID touchpointId,
        UUID tenantId,
        String signatureHtml,
        boolean signatureActive,
        String headerHtml,
        String footerHtml,
        boolean cardEnabled,
        String cardFullName,
        String cardOrganization,
        String cardEmail,
        String cardPhone,
        String cardUrl,
        Instant updatedAt) {

    public static BrandingSettings none(UUID tenantId, UUID touchpointId, Instant now) {
        return new BrandingSettings(touchpointId, tenantId, "", false, "", "", false, "", "", "", "", "", now);
    }

    public BrandingSettings withSignature(String html, boolean active, Instant now) {
        return new BrandingSettings(touchpointId, tenantId, html, active, headerHtml, footerHtml, cardEnabled, cardFullName,
                cardOrganization, cardEmail, cardPhone, cardUrl, now);
    }

    public BrandingSettings withTemplate(String header, String footer, Instant now) {
        return new BrandingSettings(touchpointId, tenantId, signatureHtml, signatureActive, header, footer, cardEnabled,
                cardFullName, cardOrganization, cardEmail, cardPhone, cardUrl, now);
    }

    public BrandingSettings withCard(ContactCard card, Instant now) {
        return new BrandingSettings(touchpointId, tenantId, signatureHtml, signatureActive, headerHtml, footerHtml, card.enabled(),
                card.fullName(), card.organization(), card.email(), card.phone(), card.url(), now);
    }

    public ContactCard card() {
        return new ContactCard(cardEnabled, cardFullName, cardOrganization, cardEmail, cardPhone, cardUrl);
    }
}
