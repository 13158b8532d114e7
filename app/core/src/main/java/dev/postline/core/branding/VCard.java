package dev.postline.core.branding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A contact card as vCard 4.0 text (RFC 6350): CRLF line ends, text values escaped ({@code \\},
 * {@code \,}, {@code \;}, newlines as {@code \n}), lines folded at 75 octets without splitting a
 * UTF-8 sequence. Empty fields are left out; FN is required, so it falls back to the organization
 * and then to the given name. Framework-free.
 */
public final class VCard {

    public static final String CONTENT_TYPE = "text/vcard";
    private static final int MAX_OCTETS = 75;

    private VCard() {}

    /** The card's text; {@code fallbackName} (e.g. the touchpoint's name) when it names no one. */
    public static String of(ContactCard card, String fallbackName) {
        String name = !card.fullName().isBlank() ? card.fullName() : !card.organization().isBlank() ? card.organization() : fallbackName;
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:VCARD");
        lines.add("VERSION:4.0");
        lines.add("FN:" + escape(name));
        if (!card.organization().isBlank()) {
            lines.add("ORG:" + escape(card.organization()));
        }
        if (!card.email().isBlank()) {
            lines.add("EMAIL;TYPE=work:" + escape(card.email()));
        }
        if (!card.phone().isBlank()) {
            lines.add("TEL;VALUE=uri;TYPE=work:tel:" + telUri(card.phone()));
        }
        if (!card.url().isBlank()) {
            lines.add("URL:" + card.url());
        }
        lines.add("END:VCARD");
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(fold(line)).append("\r\n"));
        return out.toString();
    }

    /** RFC 6350 §3.4: backslash, comma and semicolon are escaped, a line break becomes {@code \n}. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
                .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n");
    }

    /** RFC 3966 allows only visual separators {@code - . ( )}; spaces become hyphens. */
    static String telUri(String phone) {
        return phone.strip().replaceAll("\\s+", "-");
    }

    /** RFC 6350 §3.2: at most 75 octets per line; a continuation line starts with one space. */
    static String fold(String line) {
        StringBuilder out = new StringBuilder();
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int size = Character.toString(cp).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
