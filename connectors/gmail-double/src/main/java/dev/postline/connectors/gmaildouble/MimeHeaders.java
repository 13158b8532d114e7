package dev.postline.connectors.gmaildouble;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The little RFC 5322 reading the double needs: header lookup, recipients, removing Bcc. */
final class MimeHeaders {

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+");

    private MimeHeaders() {
    }

    /** Byte offset of the blank line ending the header block (CRLF or LF), or the length when none. */
    static int headerEnd(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
                return i + 1;
            }
        }
        return raw.length;
    }

    /** Unfolded header lines. */
    static List<String> lines(byte[] raw) {
        String block = new String(raw, 0, headerEnd(raw), StandardCharsets.ISO_8859_1).replaceAll("\r?\n[ \t]+", " ");
        List<String> lines = new ArrayList<>();
        for (String line : block.split("\r?\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    static Optional<String> first(byte[] raw, String name) {
        return all(raw, name).stream().findFirst();
    }

    static List<String> all(byte[] raw, String name) {
        List<String> values = new ArrayList<>();
        for (String line : lines(raw)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                values.add(line.substring(colon + 1).trim());
            }
        }
        return values;
    }

    /** Every address in To, Cc and Bcc, lower-cased, in order, without repeats. */
    static List<String> recipients(byte[] raw) {
        List<String> found = new ArrayList<>();
        for (String header : List.of("To", "Cc", "Bcc")) {
            for (String value : all(raw, header)) {
                Matcher m = ADDRESS.matcher(value);
                while (m.find()) {
                    String address = m.group().toLowerCase(Locale.ROOT);
                    if (!found.contains(address)) {
                        found.add(address);
                    }
                }
            }
        }
        return found;
    }

    /** The message as recipients get it: Gmail removes Bcc lines (with their folded continuations). */
    static byte[] withoutBcc(byte[] raw) {
        int end = headerEnd(raw);
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        String stripped = head.replaceAll("(?im)^bcc:.*\\r?\\n([ \\t].*\\r?\\n)*", "");
        byte[] headBytes = stripped.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[headBytes.length + raw.length - end];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(raw, end, out, headBytes.length, raw.length - end);
        return out;
    }

    /** Message ids named in In-Reply-To and References, without brackets. */
    static List<String> referencedIds(byte[] raw) {
        List<String> ids = new ArrayList<>();
        for (String header : List.of("In-Reply-To", "References")) {
            for (String value : all(raw, header)) {
                Matcher m = Pattern.compile("<([^>]+)>").matcher(value);
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    static String bareId(String id) {
        String t = id.trim();
        return t.startsWith("<") && t.endsWith(">") ? t.substring(1, t.length() - 1) : t;
    }
}
