package dev.postline.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Extracts message ids ({@code <id@host>}) from Message-ID, In-Reply-To and References values,
 * without the angle brackets. Tolerates the junk real mailers put around them (comments, quoted
 * text, missing brackets on a lone id).
 */
final class MessageIds {

    /** Ids longer than a header line may be (RFC 5322) are junk, not identifiers. */
    static final int MAX_ID_LENGTH = 998;

    private MessageIds() {}

    static Optional<String> first(String value) {
        List<String> ids = all(value);
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    /** All ids in order of appearance, duplicates removed. */
    static List<String> all(String value) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        int i = 0;
        while (true) {
            int open = value.indexOf('<', i);
            if (open < 0) {
                break;
            }
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            addIfPlausible(ids, value.substring(open + 1, close).strip());
            i = close + 1;
        }
        if (ids.isEmpty()) {
            // Some mailers omit the brackets around a single id.
            String bare = value.strip();
            if (bare.indexOf('@') > 0 && bare.chars().noneMatch(Character::isWhitespace)) {
                addIfPlausible(ids, bare);
            }
        }
        return new ArrayList<>(ids);
    }

    private static void addIfPlausible(LinkedHashSet<String> ids, String id) {
        if (!id.isEmpty() && id.length() <= MAX_ID_LENGTH
                && id.chars().noneMatch(c -> c <= ' ' || c == 0x7f || c == '<')) {
            ids.add(id);
        }
    }
}
