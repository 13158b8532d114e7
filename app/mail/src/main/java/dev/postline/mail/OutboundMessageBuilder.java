package dev.postline.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Renders an {@link OutboundDraft} as RFC 5322 bytes, ready for SMTP {@code DATA} or a provider's
 * raw-message upload.
 *
 * <p>Obligations:
 * <ul>
 *   <li>Header safety: a CR, LF or other control character in any header value, address, display
 *       name, subject, file name or content id, an invalid address or id, or an extra header that
 *       is not an RFC 5322 field name (or would replace one the builder writes) is rejected with
 *       {@link InvalidOutboundException} naming the field. Nothing is silently dropped or repaired.
 *   <li>Output is 7-bit ASCII with CRLF line ends only and no line over 998 octets (headers are
 *       folded at 78 where possible, bodies are quoted-printable or base64 when needed). Non-ASCII
 *       subjects and display names are RFC 2047 encoded words; non-ASCII file names use RFC 2231.
 *   <li>Bcc is never written. References are trimmed to {@value OutboundHeaders#MAX_REFERENCES}
 *       ids and about {@value OutboundHeaders#MAX_REFERENCES_CHARS} characters, keeping the first
 *       and the newest; In-Reply-To is appended to them when missing (RFC 5322 §3.6.4).
 *   <li>Deterministic: the same draft gives the same bytes (boundaries derive from the
 *       Message-ID), so a retried send is identical to the first attempt.
 * </ul>
 * Stateless and thread-safe.
 */
public final class OutboundMessageBuilder {

    public byte[] build(OutboundDraft draft) throws InvalidOutboundException {
        String headers = OutboundHeaders.of(draft);
        MimeWriter.Entity body = OutboundStructure.of(draft);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        out.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
        new MimeWriter(draft.messageId()).write(body, out);
        byte[] bytes = out.toByteArray();
        boolean endsWithCrlf = bytes.length >= 2 && bytes[bytes.length - 2] == '\r' && bytes[bytes.length - 1] == '\n';
        if (!endsWithCrlf) {
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }
}
