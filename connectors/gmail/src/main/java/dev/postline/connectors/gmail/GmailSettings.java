package dev.postline.connectors.gmail;

import static dev.postline.connectors.gmail.GmailSettingFields.*;

import dev.postline.connectors.api.ValidationResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated settings of one Gmail touchpoint.
 *
 * @param apiRoot Google's API root, or a loopback root for a local double (checked again against the host
 *                policy when connecting)
 */
record GmailSettings(String emailAddress, Duration pollInterval, Duration requestTimeout, URI apiRoot) {

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    boolean usesGoogle() {
        return apiRoot.toString().equals(GOOGLE_ROOT_URL);
    }

    static Optional<GmailSettings> read(Map<String, String> settings, ValidationResult.Builder errors) {
        String address = text(settings, EMAIL_ADDRESS, "");
        if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.error(EMAIL_ADDRESS, "a mailbox address such as support@example.com is required");
        }
        Duration poll = seconds(settings, errors, POLL_INTERVAL, 15, 1, 3600);
        Duration timeout = seconds(settings, errors, REQUEST_TIMEOUT, 30, 1, 600);
        URI root = root(text(settings, API_ROOT_URL, GOOGLE_ROOT_URL), errors);
        GmailSettings result = new GmailSettings(address.toLowerCase(Locale.ROOT), poll, timeout, root);
        return errors.build().isValid() ? Optional.of(result) : Optional.empty();
    }

    /** Google's root, or http(s) on a loopback address: no other host can be reached through this setting. */
    private static URI root(String value, ValidationResult.Builder errors) {
        String withSlash = value.endsWith("/") ? value : value + "/";
        if (withSlash.equals(GOOGLE_ROOT_URL)) {
            return URI.create(GOOGLE_ROOT_URL);
        }
        try {
            URI uri = new URI(withSlash);
            boolean loopback = uri.getHost() != null && LOOPBACK_NAMES.contains(uri.getHost().toLowerCase(Locale.ROOT));
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && loopback && uri.getUserInfo() == null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.error(API_ROOT_URL, "leave empty for Google; only an http(s) URL on 127.0.0.1, ::1 or localhost is accepted otherwise");
        return URI.create(GOOGLE_ROOT_URL);
    }

    private static String text(Map<String, String> settings, String name, String def) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? def : value.trim();
    }

    private static Duration seconds(Map<String, String> settings, ValidationResult.Builder errors, String name, int def,
                                    int min, int max) {
        String value = text(settings, name, Integer.toString(def));
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return Duration.ofSeconds(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.error(name, "must be a whole number of seconds from " + min + " to " + max);
        return Duration.ofSeconds(def);
    }
}
