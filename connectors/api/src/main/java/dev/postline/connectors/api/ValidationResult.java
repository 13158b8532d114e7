package dev.postline.connectors.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcome of {@link ConnectorFactory#validate}: one human-readable message per offending field name.
 * Messages name the problem and the accepted form; they never repeat a secret value.
 */
public record ValidationResult(Map<String, String> errors) {

    public ValidationResult {
        errors = Map.copyOf(errors);
    }

    public static ValidationResult valid() {
        return new ValidationResult(Map.of());
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Collects errors in field order; the first error for a field wins. */
    public static final class Builder {
        private final Map<String, String> errors = new LinkedHashMap<>();

        public Builder error(String field, String message) {
            errors.putIfAbsent(field, message);
            return this;
        }

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }

        public ValidationResult build() {
            return new ValidationResult(errors);
        }
    }
}
