package dev.postline.core.lifecycle;

import dev.postline.core.web.InputCheck;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The touchpoint setting {@code passwordExpiresOn} (ISO date, e.g. {@code 2027-03-31}): when an
 * admin knows the mailbox password expires (a domain policy), Postline warns 14 days ahead and
 * treats the touchpoint as EXPIRED from that day. Without it a password has no known end.
 */
public final class PasswordExpiryPolicy {

    public static final String PASSWORD_EXPIRES_ON = "passwordExpiresOn";

    private PasswordExpiryPolicy() {}

    /** Reports an invalid date at save time, next to the other touchpoint policies. */
    public static void check(InputCheck in, Map<String, String> settings) {
        String value = settings.get(PASSWORD_EXPIRES_ON);
        if (value != null && !value.isBlank() && parse(value).isEmpty()) {
            in.fail("settings." + PASSWORD_EXPIRES_ON, "must be a date in ISO form, e.g. 2027-03-31");
        }
    }

    public static Optional<LocalDate> expiresOn(Map<String, String> settings) {
        String value = settings.get(PASSWORD_EXPIRES_ON);
        return value == null || value.isBlank() ? Optional.empty() : parse(value);
    }

    private static Optional<LocalDate> parse(String value) {
        try {
            LocalDate date = LocalDate.parse(value.strip());
            return date.getYear() >= 2000 && date.getYear() <= 9999 ? Optional.of(date) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
