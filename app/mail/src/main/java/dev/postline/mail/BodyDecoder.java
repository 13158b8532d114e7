package dev.postline.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes text parts to Strings and never throws for a bad charset: mail in the wild declares
 * charsets that do not exist, or declares us-ascii and sends 8-bit text. Every repair is a warning.
 * Line ends are normalised to {@code \n}.
 */
final class BodyDecoder {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private BodyDecoder() {}

    static String decode(byte[] bytes, String declaredCharset, String partLabel, Warnings warnings) {
        Charset charset = lookup(declaredCharset);
        String text;
        if (charset == null) {
            text = utf8OrWindows1252(bytes);
            warnings.add(partLabel + ": unknown charset '" + printable(declaredCharset) + "', decoded as "
                    + (isUtf8(bytes) ? "UTF-8" : "windows-1252"));
        } else {
            try {
                text = strict(charset, bytes);
            } catch (CharacterCodingException e) {
                if (charset.equals(StandardCharsets.US_ASCII)) {
                    // Undeclared 8-bit text: UTF-8 if it is valid UTF-8, else the usual Western default.
                    text = utf8OrWindows1252(bytes);
                    warnings.add(partLabel + ": 8-bit bytes in us-ascii text, decoded as "
                            + (isUtf8(bytes) ? "UTF-8" : "windows-1252"));
                } else {
                    text = new String(bytes, charset);
                    warnings.add(partLabel + ": invalid " + charset.name() + " bytes replaced");
                }
            }
        }
        return normaliseLineEnds(text);
    }

    static Charset lookup(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.US_ASCII;
        }
        String clean = name.strip();
        if (clean.length() > 2 && clean.startsWith("\"") && clean.endsWith("\"")) {
            clean = clean.substring(1, clean.length() - 1);
        }
        try {
            return Charset.forName(clean);
        } catch (IllegalArgumentException e) { // illegal or unsupported name
            return null;
        }
    }

    private static String utf8OrWindows1252(byte[] bytes) {
        try {
            return strict(StandardCharsets.UTF_8, bytes);
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            strict(StandardCharsets.UTF_8, bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String strict(Charset charset, byte[] bytes) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static String normaliseLineEnds(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A charset name is attacker-controlled; keep the warning short and printable. */
    static String printable(String value) {
        String s = value == null ? "" : value.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
