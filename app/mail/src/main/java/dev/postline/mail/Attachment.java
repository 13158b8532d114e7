package dev.postline.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * A body part that is not the message's text or HTML body, decoded from its transfer encoding.
 *
 * @param fileName RFC 2231/2047 decoded, stripped of any directory part and control characters,
 *     never blank: a part without a usable name gets a generated one such as {@code attachment-3.txt}
 * @param contentType lower-cased MIME type without parameters, e.g. {@code image/png}
 * @param size decoded size in bytes: {@code content.length}, or, when parsed with
 *     {@link MessageParser#parseMeasuringFiles}, the size the file has decoded while its content is empty
 * @param contentId the Content-ID without angle brackets, used to resolve {@code cid:} URLs
 * @param inline true for {@code Content-Disposition: inline}, or a part with a Content-ID and no
 *     disposition (an image referenced from the HTML body)
 * @param content decoded bytes (empty when only measured); not copied, callers must not modify them
 */
public record Attachment(String fileName, String contentType, long size, Optional<String> contentId, boolean inline, byte[] content) {

    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName + ", " + contentType + ", " + size + " bytes"
                + contentId.map(id -> ", cid " + id).orElse("") + (inline ? ", inline" : "") + "]";
    }
}
