package dev.postline.mail;

import dev.postline.mail.MimeWriter.Entity;
import dev.postline.mail.MimeWriter.Leaf;
import dev.postline.mail.MimeWriter.Multipart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The MIME tree of an outbound message: text only is {@code text/plain}; HTML with text is
 * {@code multipart/alternative} (text first); inline images wrap the HTML in
 * {@code multipart/related}; attachments make {@code multipart/mixed} the outermost entity.
 * A draft with neither text nor HTML gets an empty text body.
 */
final class OutboundStructure {

    private OutboundStructure() {}

    static Entity of(OutboundDraft draft) throws InvalidOutboundException {
        if (!draft.inlineImages().isEmpty() && draft.html().isEmpty()) {
            throw new InvalidOutboundException("inlineImages", "inline images need an HTML body");
        }
        Entity body = draft.html().isPresent() ? htmlSide(draft) : textLeaf("plain", draft.text().orElse(""));
        if (draft.html().isPresent() && draft.text().isPresent()) {
            body = new Multipart("alternative", List.of(textLeaf("plain", draft.text().get()), body));
        }
        if (draft.attachments().isEmpty()) {
            return body;
        }
        List<Entity> parts = new ArrayList<>();
        parts.add(body);
        for (int i = 0; i < draft.attachments().size(); i++) {
            OutboundPart part = draft.attachments().get(i);
            if (part.contentId().isPresent()) {
                throw new InvalidOutboundException("attachments[" + i + "].contentId", "an attachment has no content id; put inline images in inlineImages");
            }
            parts.add(fileLeaf("attachments[" + i + "]", part, "attachment"));
        }
        return new Multipart("mixed", parts);
    }

    private static Entity htmlSide(OutboundDraft draft) throws InvalidOutboundException {
        Leaf html = textLeaf("html", draft.html().get());
        if (draft.inlineImages().isEmpty()) {
            return html;
        }
        List<Entity> parts = new ArrayList<>();
        parts.add(html);
        Set<String> contentIds = new HashSet<>();
        for (int i = 0; i < draft.inlineImages().size(); i++) {
            OutboundPart image = draft.inlineImages().get(i);
            String field = "inlineImages[" + i + "]";
            if (image.contentId().isEmpty()) {
                throw new InvalidOutboundException(field + ".contentId", "an inline image needs a content id");
            }
            OutboundChecks.id(field + ".contentId", image.contentId().get(), false);
            if (!contentIds.add(image.contentId().get().toLowerCase(Locale.ROOT))) {
                throw new InvalidOutboundException(field + ".contentId", "content id used twice");
            }
            parts.add(fileLeaf(field, image, "inline"));
        }
        return new Multipart("related", parts);
    }

    private static Leaf textLeaf(String subtype, String text) {
        BodyEncoding.Encoded encoded = BodyEncoding.text(text);
        return new Leaf(List.of("Content-Type: text/" + subtype + "; charset=UTF-8\r\n",
                "Content-Transfer-Encoding: " + encoded.transferEncoding() + "\r\n"), encoded.body());
    }

    private static Leaf fileLeaf(String field, OutboundPart part, String disposition) throws InvalidOutboundException {
        OutboundChecks.fileName(field + ".fileName", part.fileName());
        String type = OutboundChecks.contentType(field + ".contentType", part.contentType());
        BodyEncoding.Encoded encoded = BodyEncoding.attachment(type, part.content());
        // name= in RFC 2047 form is not standard but is what older Outlook versions read.
        String legacyName = part.fileName().chars().allMatch(c -> c >= ' ' && c < 0x7f) && !part.fileName().contains("\"")
                ? part.fileName() : HeaderEncoding.encodedWords(part.fileName());
        List<String> headers = new ArrayList<>();
        headers.add(HeaderEncoding.field("Content-Type", type + "; name=\"" + legacyName.replace("\\", "\\\\") + "\"", field + ".fileName"));
        headers.add(HeaderEncoding.field("Content-Disposition",
                disposition + "; " + HeaderEncoding.fileNameParameter("filename", part.fileName()), field + ".fileName"));
        if (part.contentId().isPresent()) {
            headers.add("Content-ID: <" + part.contentId().get() + ">\r\n");
        }
        headers.add("Content-Transfer-Encoding: " + encoded.transferEncoding() + "\r\n");
        return new Leaf(headers, encoded.body());
    }
}
