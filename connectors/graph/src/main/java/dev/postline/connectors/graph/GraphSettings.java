package dev.postline.connectors.graph;

import static dev.postline.connectors.graph.GraphSettingFields.*;

import dev.postline.connectors.api.ValidationResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validated settings of one Graph touchpoint.
 *
 * @param baseUrl the service root without a trailing slash, e.g. {@code https://graph.microsoft.com/v1.0}
 */
record GraphSettings(String mailbox, URI baseUrl, Duration pollInterval, Duration requestTimeout) {

    /** Reads and checks {@code settings}, reporting every problem to {@code errors}. */
    static Optional<GraphSettings> read(Map<String, String> settings, ValidationResult.Builder errors) {
        String mailbox = text(settings, MAILBOX, "");
        if (!mailbox.matches("[^@\\s\"<>,;]+@[^@\\s\"<>,;]+")) {
            errors.error(MAILBOX, "a mailbox address such as support@contoso.com is required");
        }
        URI base = baseUrl(text(settings, BASE_URL, DEFAULT_BASE_URL), errors);
        Duration poll = seconds(settings, POLL_INTERVAL, 15, 1, 3600, errors);
        Duration timeout = seconds(settings, REQUEST_TIMEOUT, 60, 5, 600, errors);
        return errors.build().isValid()
                ? Optional.of(new GraphSettings(mailbox.toLowerCase(Locale.ROOT), base, poll, timeout))
                : Optional.empty();
    }

    private static URI baseUrl(String value, ValidationResult.Builder errors) {
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.error(BASE_URL, "must be an http(s) URL without user, query or fragment, e.g. " + DEFAULT_BASE_URL);
        return URI.create(DEFAULT_BASE_URL);
    }

    private static String text(Map<String, String> settings, String name, String def) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? def : value.trim();
    }

    private static Duration seconds(Map<String, String> settings, String name, int def, int min, int max,
                                    ValidationResult.Builder errors) {
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
