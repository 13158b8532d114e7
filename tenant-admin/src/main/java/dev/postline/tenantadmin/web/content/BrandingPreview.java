package dev.postline.tenantadmin.web.content;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.branding.BrandingHtml;
import dev.postline.core.branding.BrandingImage;
import dev.postline.core.branding.BrandingImageService;
import dev.postline.core.branding.MessageVariables;
import dev.postline.core.branding.TemplateVariables;
import dev.postline.core.security.Caller;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.UserService;
import jakarta.inject.Singleton;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A sample message of a touchpoint as the customer would see it, built from drafts the admin has
 * not saved yet: header + body + signature + footer, each already checked and sanitised by
 * {@link BrandingHtml#clean}, variables filled with sample values (the signed-in admin as the
 * agent), uploaded images inlined as data: URLs, and the whole sanitised once more for the preview.
 */
@Singleton
public class BrandingPreview {

    /**
     * The parts of the sample message; "" leaves a part out. {@code bodyVariables}: whether the
     * body's placeholders are filled (signature and template previews show a sample body as written).
     */
    public record Parts(String header, String body, boolean bodyVariables, String signature, String footer) {}

    static final String SAMPLE_BODY = "<p>Hello {{customer.name}},</p><p>thank you for your message about "
            + "\"{{conversation.subject}}\". This is how a reply from this touchpoint looks.</p>";
    private static final UUID SAMPLE_CONVERSATION = UUID.fromString("00000000-0000-4000-8000-000000001234");

    private final TouchpointService touchpoints;
    private final UserService users;
    private final BrandingImageService images;
    private final BlobStore blobs;

    public BrandingPreview(TouchpointService touchpoints, UserService users, BrandingImageService images, BlobStore blobs) {
        this.touchpoints = touchpoints;
        this.users = users;
        this.images = images;
        this.blobs = blobs;
    }

    public String html(Caller caller, UUID touchpointId, Parts parts) {
        var touchpoint = touchpoints.get(caller.tenant(), touchpointId).touchpoint();
        var agent = users.get(caller.tenant(), caller.principalId());
        MessageVariables sample = new MessageVariables(SAMPLE_CONVERSATION, 1234L, "Where is my order?", "Jane Doe",
                "jane.doe@example.com", agent.displayName(), agent.email(), touchpoint.displayName(), touchpoint.address());
        String composed = render(parts.header(), sample) + "<div>" + (parts.bodyVariables() ? render(parts.body(), sample) : parts.body()) + "</div>"
                + (parts.signature().isEmpty() ? "" : "<div>" + render(parts.signature(), sample) + "</div>")
                + render(parts.footer(), sample);
        Map<String, BrandingImage> byContentId = images.list(caller.tenant(), touchpointId).stream()
                .collect(Collectors.toMap(BrandingImage::contentId, i -> i, (a, b) -> a));
        return BrandingHtml.sanitizeForPreview(composed, cid -> Optional.ofNullable(byContentId.get(cid))
                .map(image -> "data:" + image.contentType() + ";base64,"
                        + Base64.getEncoder().encodeToString(blobs.get(caller.tenant(), image.blobKey()))));
    }

    private static String render(String html, MessageVariables sample) {
        return TemplateVariables.render(html, sample, TemplateVariables.Mode.HTML);
    }
}
