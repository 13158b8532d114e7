package dev.postline.core.web;

import dev.postline.core.common.EmailAddress;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every problem with a request before rejecting it, so a client sees all invalid fields
 * at once. Text is stripped; control characters (CR/LF included) are refused everywhere, since
 * names and addresses end up in mail headers. "Control" means what the outbound mail builder refuses
 * in a header: C0 and C1 controls, DEL and the Unicode line and paragraph separators; a name saved
 * with any of these would make every message that carries it fail at send time.
 */
public final class InputCheck {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\x{80}-\\x{9F}\\x{2028}\\x{2029}]");

    private final List<FieldError> errors = new ArrayList<>();

    /**
     * Whether {@code value} holds a control character (C0, DEL, C1) or a Unicode line or paragraph
     * separator: what must never reach a header, a file name or a name shown on one line.
     */
    public static boolean hasControl(@Nullable String value) {
        return value != null && CONTROL.matcher(value).find();
    }

    public static InputCheck start() {
        return new InputCheck();
    }

    /** Required single-line text of at most {@code max} characters; returns it stripped. */
    public String text(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            return fail(field, "is required");
        }
        return optionalText(field, value, max);
    }

    @Nullable
    public String optionalText(String field, @Nullable String value, int max) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            return fail(field, "must be at most " + max + " characters");
        }
        if (CONTROL.matcher(stripped).find()) {
            return fail(field, "must not contain control characters");
        }
        return stripped;
    }

    @Nullable
    public EmailAddress email(String field, @Nullable String value) {
        try {
            return EmailAddress.of(value);
        } catch (EmailAddress.InvalidEmailAddressException e) {
            return fail(field, e.getMessage());
        }
    }

    public <T> T require(String field, @Nullable T value) {
        if (value == null) {
            fail(field, "is required");
        }
        return value;
    }

    public void check(boolean condition, String field, String message) {
        if (!condition) {
            fail(field, message);
        }
    }

    @Nullable
    public <T> T fail(String field, String message) {
        errors.add(new FieldError(field, message));
        return null;
    }

    /** The problems found so far (e.g. for a page that shows each next to its field). */
    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws a 400 listing every problem found, if any. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
