package dev.postline.connectors.graphdouble;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few header values Exchange derives a message resource from when it receives MIME: Message-ID
 * (internetMessageId), Subject, From and the To/Cc/Bcc recipients. Just enough parsing for a double.
 */
record MimeSummary(Optional<String> messageId, String subject, String from, List<String> to, List<String> cc,
                   List<String> bcc) {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;\"()]+@[^\\s<>,;\"()]+");

    static MimeSummary of(byte[] raw) {
        String headers = headerBlock(raw);
        return new MimeSummary(header(headers, "Message-ID"), header(headers, "Subject").orElse(""),
                header(headers, "From").map(v -> addresses(v).stream().findFirst().orElse(v)).orElse(""),
                header(headers, "To").map(MimeSummary::addresses).orElse(List.of()),
                header(headers, "Cc").map(MimeSummary::addresses).orElse(List.of()),
                header(headers, "Bcc").map(MimeSummary::addresses).orElse(List.of()));
    }

    /** The unfolded header block (ISO-8859-1, so every byte survives). */
    static String headerBlock(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return (end < 0 ? text : text.substring(0, end)).replaceAll("\r\n[ \t]+", " ");
    }

    static Optional<String> header(String block, String name) {
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    static List<String> addresses(String value) {
        List<String> found = new ArrayList<>();
        Matcher m = ADDRESS.matcher(value);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** The raw message as delivered to a recipient: Bcc removed, a Message-ID added when it had none. */
    static byte[] asDelivered(byte[] raw, String internetMessageId) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end + 2);
        String body = end < 0 ? "" : text.substring(end + 2);
        head = head.replaceAll("(?im)^Bcc:.*\r\n([ \t].*\r\n)*", "");
        if (header(headerBlock(raw), "Message-ID").isEmpty()) {
            head = "Message-ID: " + internetMessageId + "\r\n" + head;
        }
        return (head + body).getBytes(StandardCharsets.ISO_8859_1);
    }
}
