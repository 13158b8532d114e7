package dev.postline.mail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which Authentication-Results headers (RFC 8601) may be believed. Any server on the way, the
 * sender included, can add one, and the topmost is not necessarily our receiving server's: a
 * header counts only when its authserv-id is one the operator named as ours. With none named,
 * none counts. A header without an authserv-id (Microsoft 365 writes its verdict so) cannot be
 * attributed and never counts. Pure and thread-safe.
 */
public final class AuthenticationResults {

    // Leading comments such as "(mx.example: authserv)" are CFWS, allowed before the id.
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(?:\\s*\\([^()]*\\))*\\s*");
    private static final Pattern ID = Pattern.compile("([^\\s;()=]+)(?=[\\s;(]|$)");

    private AuthenticationResults() {}

    /** The authserv-id of one header value, lower-cased; empty when the value does not start with one. */
    public static Optional<String> authservId(String value) {
        String rest = LEADING_COMMENTS.matcher(value).replaceFirst("");
        Matcher m = ID.matcher(rest);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1).toLowerCase(Locale.ROOT));
    }

    /** The values, in header order, whose authserv-id is among {@code ours} (compared case-insensitively). */
    public static List<String> trusted(List<String> values, Set<String> ours) {
        Set<String> ids = ours.stream().map(id -> id.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return values.stream().filter(v -> authservId(v).filter(ids::contains).isPresent()).toList();
    }
}
