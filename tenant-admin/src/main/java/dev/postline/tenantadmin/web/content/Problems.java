package dev.postline.tenantadmin.web.content;

import dev.postline.core.web.ApiException;
import dev.postline.core.web.FieldError;
import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** A service's refusal of a form as messages per field, shown next to the fields. */
final class Problems {

    private Problems() {}

    /** Field → message (the first per field); a refusal without fields lands on {@code fallbackField}. */
    static Map<String, String> of(ApiException e, String fallbackField) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (FieldError f : e.errors()) {
            problems.merge(f.field(), f.message(), (a, b) -> a + "; " + b);
        }
        if (problems.isEmpty()) {
            problems.put(fallbackField, e.getMessage());
        }
        return problems;
    }

    /** Whether the refusal is about the input (shown on the form) rather than a missing thing (an error page). */
    static boolean aboutInput(ApiException e) {
        return e.status() == HttpStatus.BAD_REQUEST || e.status() == HttpStatus.CONFLICT;
    }
}
