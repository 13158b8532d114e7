package dev.postline.core.branding;

import io.micronaut.core.annotation.Nullable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code {{…}}} of a template, read strictly: a variable name, optionally followed by the one
 * filter there is, {@code | default: "text"}, written when the value is empty. Anything else is a
 * {@link #problem} reported when the template is saved, so a misspelt filter never reaches a customer.
 *
 * @param fallback the default text, null without the filter
 * @param problem why the placeholder is not acceptable (apart from an unknown name), null when fine
 */
record Placeholder(String name, @Nullable String fallback, @Nullable String problem) {

    static final String EXAMPLE = "{{customer.name | default: \"there\"}}";

    private static final Pattern FILTER = Pattern.compile("([A-Za-z_][\\w-]*)\\s*(.*)", Pattern.DOTALL);
    // Straight or typographic quotes: rich editors and phones turn one into the other.
    private static final Pattern ARGUMENT = Pattern.compile(":\\s*(?:\"([^\"]*)\"|“([^”]*)”)\\s*(.*)", Pattern.DOTALL);
    // Kept out of defaults so the text is the same in HTML and plain bodies and never becomes markup.
    private static final Pattern UNSAFE = Pattern.compile("[<>&\"{}\\p{Cntrl}]");

    /** {@code inner}: what stands between the braces, without the surrounding whitespace. */
    static Placeholder parse(String inner) {
        int bar = inner.indexOf('|');
        if (bar < 0) {
            return new Placeholder(inner, null, null);
        }
        String name = inner.substring(0, bar).strip();
        String written = "{{" + inner + "}}";
        Matcher filter = FILTER.matcher(inner.substring(bar + 1).strip());
        if (!filter.matches() || !filter.group(1).equals("default")) {
            String what = filter.matches() ? "unknown filter “" + filter.group(1) + "”" : "a filter name is missing";
            return new Placeholder(name, null, what + " in " + written + "; the only filter is default, as in " + EXAMPLE);
        }
        Matcher argument = ARGUMENT.matcher(filter.group(2));
        if (!argument.matches()) {
            return new Placeholder(name, null, "default needs its text in quotes, as in " + EXAMPLE + " (in " + written + ")");
        }
        if (!argument.group(3).isEmpty()) {
            return new Placeholder(name, null, "use one filter per variable, as in " + EXAMPLE + " (in " + written + ")");
        }
        String fallback = argument.group(1) != null ? argument.group(1) : argument.group(2);
        if (UNSAFE.matcher(fallback).find()) {
            return new Placeholder(name, null, "the default text in " + written
                    + " must not contain < > & \" { } or line breaks");
        }
        return new Placeholder(name, fallback, null);
    }

    /** The placeholder as we store it: one spelling, straight quotes. */
    String canonical() {
        return fallback == null ? "{{" + name + "}}" : "{{" + name + " | default: \"" + fallback + "\"}}";
    }
}
