package dev.postline.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Content-Transfer-Encoding for outbound parts. Output is always 7-bit ASCII with CRLF line ends
 * and lines of at most 76 characters (998 for a 7bit attached message), so any SMTP server
 * relays it unchanged.
 *
 * <p>Boundaries start with {@code =_} ({@link MimeWriter}); neither base64 nor quoted-printable
 * can produce that, and 7bit is only chosen for content that does not contain it.
 */
final class BodyEncoding {

    /** Transfer encoding name and encoded body. */
    record Encoded(String transferEncoding, byte[] body) {}

    private static final int QP_LINE = 76;

    private BodyEncoding() {}

    /** Every line end (CRLF, a lone CR or a lone LF) as CRLF; a loop, not a regex compiled for every message. */
    static String crlf(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                out.append("\r\n");
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A text body: line ends become CRLF, then 7bit if it is short-lined printable ASCII,
     * quoted-printable if mostly ASCII, base64 otherwise (e.g. CJK, where QP would triple the size).
     */
    static Encoded text(String text) {
        byte[] bytes = crlf(text).getBytes(StandardCharsets.UTF_8);
        if (isSafe7bit(bytes, QP_LINE)) {
            return new Encoded("7bit", bytes);
        }
        int unsafe = 0;
        for (byte b : bytes) {
            if (b < 0) {
                unsafe++;
            }
        }
        return unsafe * 3L > bytes.length ? base64(bytes) : new Encoded("quoted-printable", quotedPrintable(bytes));
    }

    /**
     * An attachment, byte-exact: base64, except an attached message ({@code message/rfc822}), which
     * RFC 2046 allows only as 7bit/8bit/binary: 7bit when it is clean, else base64, which strict
     * readers may show as a plain file rather than a message.
     */
    static Encoded attachment(String contentType, byte[] content) {
        if (contentType.equals("message/rfc822") && isSafe7bit(content, HeaderEncoding.MAX_LINE)) {
            return new Encoded("7bit", content);
        }
        return base64(content);
    }

    static Encoded base64(byte[] content) {
        byte[] encoded = Base64.getMimeEncoder(QP_LINE, new byte[] {'\r', '\n'}).encode(content);
        return new Encoded("base64", encoded);
    }

    /** Printable ASCII, TAB and CRLF only; lines ≤ {@code maxLine}; no {@code =_}; no line a transport might mangle. */
    static boolean isSafe7bit(byte[] bytes, int maxLine) {
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i];
            if (c == '\r') {
                if (i + 1 >= bytes.length || bytes[i + 1] != '\n') {
                    return false;
                }
                if (i - lineStart > maxLine || mangled(bytes, lineStart, i)) {
                    return false;
                }
                lineStart = ++i + 1;
            } else if (c == '\n' || c < 0 || c < ' ' && c != '\t' || c == 0x7f
                    || c == '=' && i + 1 < bytes.length && bytes[i + 1] == '_') {
                return false;
            }
        }
        return bytes.length - lineStart <= maxLine && !mangled(bytes, lineStart, bytes.length);
    }

    /** Trailing white space is stripped and "From " escaped by some transports. */
    private static boolean mangled(byte[] bytes, int start, int end) {
        boolean trailingSpace = end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t');
        boolean from = end - start >= 5 && new String(bytes, start, 5, StandardCharsets.US_ASCII).equals("From ");
        return trailingSpace || from;
    }

    /** RFC 2045 §6.7 on CRLF-normalised text: CRLF stays a hard line break, everything else is encoded as needed. */
    static byte[] quotedPrintable(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 4);
        int lineLength = 0;
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                out.writeBytes(new byte[] {'\r', '\n'});
                lineLength = 0;
                i++;
                continue;
            }
            boolean atLineEnd = i + 1 == bytes.length || bytes[i + 1] == '\r';
            boolean literal = c >= 33 && c <= 126 && c != '=' || (c == ' ' || c == '\t') && !atLineEnd;
            // A leading '.' or the F of "From " is encoded so no transport touches the line.
            if (lineLength == 0 && (c == '.' || c == 'F' && startsWith(bytes, i, "From "))) {
                literal = false;
            }
            int width = literal ? 1 : 3;
            // Keep room for the soft break '=' unless this is the last character of the line.
            if (lineLength + width > (atLineEnd ? QP_LINE : QP_LINE - 1)) {
                out.writeBytes(new byte[] {'=', '\r', '\n'});
                lineLength = 0;
                if (c == '.' || c == 'F' && startsWith(bytes, i, "From ")) {
                    literal = false;
                    width = 3;
                }
            }
            if (literal) {
                out.write(c);
            } else {
                out.write('=');
                out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
            lineLength += width;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int at, String prefix) {
        return bytes.length - at >= prefix.length()
                && new String(bytes, at, prefix.length(), StandardCharsets.US_ASCII).equals(prefix);
    }
}
