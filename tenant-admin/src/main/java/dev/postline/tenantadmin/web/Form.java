package dev.postline.tenantadmin.web;

import io.micronaut.core.annotation.Nullable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The fields of a submitted form; a field sent several times (checkboxes) has several values. */
public record Form(Map<String, Object> fields) {

    public static Form of(@Nullable Map<String, Object> fields) {
        return new Form(fields == null ? Map.of() : fields);
    }

    /** The field's (first) value, or "" when absent. */
    public String get(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? "" : values.getFirst();
    }

    public List<String> all(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }
}
