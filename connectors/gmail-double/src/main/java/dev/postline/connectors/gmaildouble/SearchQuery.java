package dev.postline.connectors.gmaildouble;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The subset of Gmail's search syntax the double understands: {@code after:}, {@code before:} (epoch
 * seconds), {@code rfc822msgid:}, {@code in:} and {@code label:}. Anything else is refused with a 400, so a
 * connector never silently relies on a search the double does not implement.
 */
record SearchQuery(Long afterSecond, Long beforeSecond, String rfc822MessageId, List<String> labels) {

    static SearchQuery parse(String q) {
        Long after = null;
        Long before = null;
        String messageId = null;
        List<String> labels = new ArrayList<>();
        for (String term : q == null ? new String[0] : q.trim().split("\\s+")) {
            if (term.isEmpty()) {
                continue;
            }
            int colon = term.indexOf(':');
            String op = colon < 0 ? "" : term.substring(0, colon).toLowerCase(Locale.ROOT);
            String arg = colon < 0 ? term : term.substring(colon + 1);
            switch (op) {
                case "after" -> after = seconds(arg);
                case "before" -> before = seconds(arg);
                case "rfc822msgid" -> messageId = MimeHeaders.bareId(arg);
                case "in", "label" -> labels.add(arg.toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("search term not supported by the Gmail double: " + term);
            }
        }
        return new SearchQuery(after, before, messageId, List.copyOf(labels));
    }

    private static long seconds(String arg) {
        if (!arg.matches("[0-9]{1,12}")) {
            throw new IllegalArgumentException("the Gmail double takes after:/before: as epoch seconds, got " + arg);
        }
        return Long.parseLong(arg);
    }

    boolean matches(StoredMessage m) {
        // Inclusive lower bound: a connector that subtracts a second to be safe still sees each message.
        return (afterSecond == null || m.internalDate() >= afterSecond * 1000)
                && (beforeSecond == null || m.internalDate() < beforeSecond * 1000)
                && (rfc822MessageId == null || rfc822MessageId.equals(m.rfc822MessageId()))
                && m.labelIds().containsAll(labels);
    }
}
