package dev.postline.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decodes the raw bytes of a header field. RFC 6532 lets mailers put UTF-8 in headers; older ones
 * send 8-bit text in the charset of the message's text. mime4j reads every field as UTF-8, which
 * turns any other 8-bit text into U+FFFD. The order here: ASCII or valid UTF-8 as such; else the
 * charset the message declares for its text, when it reads the bytes without error; else
 * windows-1252, which reads every byte and is what Western mailers mean when they declare nothing
 * (the same default as {@link BodyDecoder}).
 */
final class HeaderText {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    // The structural characters of a header must mean the same in a fallback charset (not UTF-16, say).
    private static final String ASCII_PROBE = "From: \"Name\" <local.part@example.com>, (comment); group:;=?_";

    /** The text, and the charset used when the bytes were 8-bit but not UTF-8 (a repair worth a warning). */
    record Decoded(String text, Optional<Charset> fallback) {}

    private HeaderText() {}

    static Decoded decode(byte[] bytes, Charset declared) {
        if (isAscii(bytes)) {
            return new Decoded(new String(bytes, StandardCharsets.US_ASCII), Optional.empty());
        }
        Optional<String> utf8 = strict(StandardCharsets.UTF_8, bytes);
        if (utf8.isPresent()) {
            return new Decoded(utf8.get(), Optional.empty());
        }
        if (declared != null && !declared.equals(StandardCharsets.UTF_8) && asciiCompatible(declared)) {
            Optional<String> text = strict(declared, bytes);
            if (text.isPresent()) {
                return new Decoded(text.get(), Optional.of(declared));
            }
        }
        return new Decoded(new String(bytes, WINDOWS_1252), Optional.of(WINDOWS_1252));
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiCompatible(Charset charset) {
        return charset.canEncode() && Arrays.equals(ASCII_PROBE.getBytes(charset), ASCII_PROBE.getBytes(StandardCharsets.US_ASCII));
    }

    private static Optional<String> strict(Charset charset, byte[] bytes) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
