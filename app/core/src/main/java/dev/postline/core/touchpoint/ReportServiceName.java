package dev.postline.core.touchpoint;

import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;

/**
 * The name reports count a touchpoint's conversations under. Optional on the touchpoint: when it is
 * not set, the touchpoint's display name is used. Checked like names (at most {@value #MAX_LENGTH}
 * characters, no control characters, U+2028/U+2029 included); blank means "not set".
 */
public final class ReportServiceName {

    public static final int MAX_LENGTH = 100;

    private ReportServiceName() {}

    /** The stripped name, or null when {@code given} is null or blank (not set) or invalid (reported on {@code field}). */
    @Nullable
    public static String check(InputCheck in, String field, @Nullable String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        return in.optionalText(field, given, MAX_LENGTH);
    }

    /** What a new conversation of this touchpoint is counted under: the name if set, else the display name. */
    public static String effective(Touchpoint touchpoint) {
        return touchpoint.reportServiceName() != null ? touchpoint.reportServiceName() : touchpoint.displayName();
    }
}
