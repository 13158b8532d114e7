package dev.postline.connectors.graph;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the Message-ID header of raw RFC 5322 bytes (unfolded, first occurrence). */
final class MessageIdHeader {

    private MessageIdHeader() {
    }

    static Optional<String> of(byte[] raw) {
        String text = new String(raw, 0, Math.min(raw.length, 256 * 1024), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String block = (end < 0 ? text : text.substring(0, end)).replaceAll("\r?\n[ \t]+", " ");
        for (String line : block.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Message-ID")) {
                String value = line.substring(colon + 1).trim();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
