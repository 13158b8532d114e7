package dev.postline.core.touchpoint;

import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A touchpoint's data-source key/values, in the order the admin gave them, and the copy of them a
 * conversation keeps from the moment it was created. A list rather than a JSON object, because an
 * object would silently drop a repeated key and has no order; here a repeated key is a 400.
 *
 * <p>Limits: at most {@value #MAX_PAIRS} pairs; keys match {@code [A-Za-z][A-Za-z0-9_.-]{0,63}} and are
 * unique per touchpoint regardless of case (downstream systems such as CRMs often compare keys
 * case-insensitively); values are 1 to {@value #MAX_VALUE_LENGTH} characters without control
 * characters (C0, C1, DEL, U+2028/U+2029: values travel on into other systems' headers and logs).
 * Keys and values are stripped of surrounding white space.
 */
public record DataSource(List<DataSourcePair> pairs) {

    public static final int MAX_PAIRS = 20;
    public static final int MAX_VALUE_LENGTH = 256;
    public static final DataSource EMPTY = new DataSource(List.of());
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    public DataSource {
        pairs = List.copyOf(pairs);
    }

    /**
     * Checks what a client sent, reporting problems on {@code dataSource[i].key} / {@code .value}
     * (or {@code dataSource} itself when there are too many); returns the stripped pairs, or
     * {@code null} when {@code given} is null (e.g. "unchanged" in a PATCH).
     */
    @Nullable
    public static DataSource check(InputCheck in, String field, @Nullable List<DataSourcePair> given) {
        if (given == null) {
            return null;
        }
        if (given.size() > MAX_PAIRS) {
            in.fail(field, "at most " + MAX_PAIRS + " key/value pairs");
            return EMPTY;
        }
        List<DataSourcePair> checked = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < given.size(); i++) {
            String item = field + "[" + i + "]";
            DataSourcePair pair = given.get(i);
            if (pair == null) {
                in.fail(item, "must be an object with key and value");
                continue;
            }
            String key = checkKey(in, item + ".key", pair.key());
            String value = in.text(item + ".value", pair.value(), MAX_VALUE_LENGTH);
            if (key != null) {
                String first = seen.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
                if (first != null) {
                    in.fail(item + ".key", "\"" + key + "\" is given twice (keys are unique regardless of case)");
                    continue;
                }
            }
            if (key != null && value != null) {
                checked.add(new DataSourcePair(key, value));
            }
        }
        return new DataSource(checked);
    }

    @Nullable
    private static String checkKey(InputCheck in, String field, @Nullable String key) {
        String stripped = in.text(field, key, 64);
        if (stripped != null && !KEY.matcher(stripped).matches()) {
            return in.fail(field, "starts with a letter and uses letters, digits, '_', '.' or '-' (64 at most)");
        }
        return stripped;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }
}
