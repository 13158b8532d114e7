package dev.postline.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The decoded size of a body part, read from its still-encoded bytes without decoding them: for base64
 * the number of alphabet characters × 3 / 4 minus the padding, for the identity encodings the byte count.
 * Quoted-printable (rare for files) is decoded into a counter. Used where only a file's size is needed
 * at ingest — its bytes stay in the raw message and are decoded when someone asks for them.
 */
final class DecodedSize {

    private DecodedSize() {}

    /** @param encoded the part's body as it is in the message; {@code decoded} the same, decoded (read only when needed) */
    static long of(String transferEncoding, InputStream encoded, InputStream decoded) throws IOException {
        String encoding = transferEncoding == null ? "7bit" : transferEncoding.toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "base64" -> base64(encoded);
            case "quoted-printable" -> decoded.transferTo(OutputStream.nullOutputStream());
            default -> encoded.transferTo(OutputStream.nullOutputStream());
        };
    }

    /** 1 for the 64 base64 symbols, 0 for anything else (line breaks, padding, stray bytes). */
    private static final byte[] SYMBOL = new byte[256];

    static {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            SYMBOL[alphabet.charAt(i)] = 1;
        }
    }

    private static long base64(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long symbols = 0;
        long padding = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            long chunk = 0;
            for (int i = 0; i < n; i++) {
                chunk += SYMBOL[buffer[i] & 0xff]; // no branch per byte: this runs over every attachment of every import
            }
            symbols += chunk;
            for (int i = n - 1; i >= 0 && n - i <= 8; i--) { // padding sits at the very end, before a line break at most
                if (buffer[i] == '=') {
                    padding++;
                }
            }
        }
        // Every 4 symbols (padding included) are 3 bytes; a lenient decoder drops a dangling 1-symbol group.
        long total = symbols + Math.min(padding, 2);
        long bytes = total / 4 * 3 - Math.min(padding, 2);
        long rest = total % 4;
        return Math.max(0, bytes + (rest >= 2 ? rest - 1 : 0));
    }
}
