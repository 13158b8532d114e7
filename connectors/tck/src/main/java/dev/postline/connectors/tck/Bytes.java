package dev.postline.connectors.tck;

import java.nio.charset.StandardCharsets;

/** Byte-exact comparison through strings: ISO-8859-1 maps every byte to one char and back. */
final class Bytes {

    private Bytes() {
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
