package dev.postline.connectors.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The "IMAP headers" filter, in the syntax contact-center admins already use:
 * <pre>
 *   (empty)        all new mail
 *   x-a            header x-a present
 *   x-a,x-b        both present
 *   x-a=SAFE       x-a present with exactly the value SAFE
 *   x-a=SAFE,x-b   mixed
 * </pre>
 * Header names are case-insensitive; values are case-sensitive and compared after unfolding and
 * trimming. Whitespace around names, values and commas is ignored. Every condition must hold.
 *
 * <p>"All new mail" means every message after the cursor, not IMAP {@code UNSEEN}: another client
 * reading a message first must not hide it from us.
 */
public final class HeaderFilter {

    /** One condition; {@code value} empty means "present with any value". */
    public record Condition(String name, Optional<String> value) {
    }

    private static final HeaderFilter ALL = new HeaderFilter(List.of());

    private final List<Condition> conditions;

    private HeaderFilter(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    /**
     * Parses the setting.
     *
     * @throws IllegalArgumentException with a message an admin can act on
     */
    public static HeaderFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<Condition> conditions = new ArrayList<>();
        for (String term : text.split(",", -1)) {
            conditions.add(condition(term.trim()));
        }
        return new HeaderFilter(conditions);
    }

    private static Condition condition(String term) {
        if (term.isEmpty()) {
            throw new IllegalArgumentException("empty entry: write header names separated by single commas, e.g. x-a,x-b");
        }
        int eq = term.indexOf('=');
        String name = (eq < 0 ? term : term.substring(0, eq)).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a header name is missing before '=' (e.g. x-a=SAFE)");
        }
        if (!name.chars().allMatch(c -> c > 32 && c < 127 && c != ':' && c != '=')) {
            throw new IllegalArgumentException("'" + name + "' is not a header name: use letters, digits and '-' only, no spaces or ':'");
        }
        if (eq < 0) {
            return new Condition(name.toLowerCase(Locale.ROOT), Optional.empty());
        }
        String value = term.substring(eq + 1).trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a value is missing after '" + name + "=' (leave out '=' to match any value)");
        }
        if (value.indexOf('=') >= 0 || value.chars().anyMatch(c -> c < 32 || c == 127)) {
            throw new IllegalArgumentException("the value for '" + name + "' contains '=' or a control character");
        }
        return new Condition(name.toLowerCase(Locale.ROOT), Optional.of(value));
    }

    /** True when every message matches, so no header needs to be looked at. */
    public boolean matchesAll() {
        return conditions.isEmpty();
    }

    public List<Condition> conditions() {
        return conditions;
    }

    /**
     * Tests a message.
     *
     * @param headerValues all unfolded values of the header with the given (lower-case) name,
     *                     empty when absent
     */
    public boolean matches(Function<String, List<String>> headerValues) {
        for (Condition condition : conditions) {
            List<String> values = headerValues.apply(condition.name());
            boolean ok = condition.value()
                    .map(expected -> values.stream().anyMatch(v -> v.trim().equals(expected)))
                    .orElse(!values.isEmpty());
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
