package dev.postline.mail;

import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Counts the addresses in a raw address header without parsing it: one linear pass over the
 * bytes, no String built. Quoted strings, comments and angle brackets are skipped, so a comma in a
 * display name does not count; a group's name ({@code team: a@x, b@y;}) does not count either.
 */
final class AddressCounter {

    static final Set<String> ADDRESS_HEADERS = Set.of(
            "from", "sender", "reply-to", "to", "cc", "bcc",
            "resent-from", "resent-sender", "resent-to", "resent-cc", "resent-bcc");

    private AddressCounter() {}

    static boolean isAddressHeader(String name) {
        return ADDRESS_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Counts addresses in {@code raw[from..]}; {@code from} is just after the field's colon. */
    static int count(ByteSequence raw, int from) {
        int count = 0;
        boolean segmentHasContent = false;
        boolean inQuote = false;
        boolean inAngle = false;
        int commentDepth = 0;
        for (int i = from; i < raw.length(); i++) {
            int b = raw.byteAt(i) & 0xff;
            if (inQuote) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inQuote = false;
                }
                continue;
            }
            if (commentDepth > 0) {
                if (b == '\\') {
                    i++;
                } else if (b == '(') {
                    commentDepth++;
                } else if (b == ')') {
                    commentDepth--;
                }
                continue;
            }
            switch (b) {
                case '"' -> { inQuote = true; segmentHasContent = true; }
                case '(' -> commentDepth = 1;
                case '<' -> { inAngle = true; segmentHasContent = true; }
                case '>' -> inAngle = false;
                case ',', ';' -> {
                    if (!inAngle) {
                        count += segmentHasContent ? 1 : 0;
                        segmentHasContent = false;
                    }
                }
                // A top-level colon ends a group's display name, which is not an address.
                case ':' -> {
                    if (!inAngle) {
                        segmentHasContent = false;
                    }
                }
                case ' ', '\t', '\r', '\n' -> { }
                default -> segmentHasContent = true;
            }
        }
        return count + (segmentHasContent ? 1 : 0);
    }
}
