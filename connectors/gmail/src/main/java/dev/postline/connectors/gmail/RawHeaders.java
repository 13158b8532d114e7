package dev.postline.connectors.gmail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Header reading for sending: Message-ID, In-Reply-To and the addresses Gmail will deliver to. */
final class RawHeaders {

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+");
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");

    private RawHeaders() {
    }

    /** End of the header block: the index of the blank line's first byte. */
    static int headerEnd(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
                return i + 1;
            }
        }
        return raw.length;
    }

    static List<String> values(byte[] raw, String name) {
        String block = new String(raw, 0, headerEnd(raw), StandardCharsets.ISO_8859_1).replaceAll("\r?\n[ \t]+", " ");
        List<String> values = new ArrayList<>();
        for (String line : block.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                values.add(line.substring(colon + 1).trim());
            }
        }
        return values;
    }

    /** The first {@code <id>} of header {@code name}, without brackets. */
    static Optional<String> messageId(byte[] raw, String name) {
        for (String value : values(raw, name)) {
            Matcher m = MESSAGE_ID.matcher(value);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** Lower-cased addresses in To, Cc and Bcc: whom Gmail delivers to. */
    static List<String> headerRecipients(byte[] raw) {
        List<String> found = new ArrayList<>();
        for (String header : List.of("To", "Cc", "Bcc")) {
            for (String value : values(raw, header)) {
                Matcher m = ADDRESS.matcher(value);
                while (m.find()) {
                    found.add(m.group().toLowerCase(Locale.ROOT));
                }
            }
        }
        return found;
    }
}
