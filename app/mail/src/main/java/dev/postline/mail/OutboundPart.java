package dev.postline.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * A file sent with an outbound message: an attachment, or an inline image that the HTML body
 * references as {@code cid:contentId}.
 *
 * @param fileName the name the recipient sees; any Unicode except control and bidi-override
 *     characters and path separators (checked by {@link OutboundMessageBuilder})
 * @param contentType {@code type/subtype} without parameters, e.g. {@code image/png}
 * @param content sent byte-exact (base64); not copied, callers must not modify it
 * @param contentId without angle brackets; present exactly for inline images
 */
public record OutboundPart(String fileName, String contentType, byte[] content, Optional<String> contentId) {

    public OutboundPart {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentId, "contentId");
    }

    public static OutboundPart attachment(String fileName, String contentType, byte[] content) {
        return new OutboundPart(fileName, contentType, content, Optional.empty());
    }

    public static OutboundPart inline(String contentId, String fileName, String contentType, byte[] content) {
        return new OutboundPart(fileName, contentType, content, Optional.of(contentId));
    }

    @Override
    public String toString() {
        return "OutboundPart[" + fileName + ", " + contentType + ", " + content.length + " bytes"
                + contentId.map(id -> ", cid " + id).orElse("") + "]";
    }
}
