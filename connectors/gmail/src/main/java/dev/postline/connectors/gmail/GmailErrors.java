package dev.postline.connectors.gmail;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Gmail error answer ({@code {"error": {"code", "message", "errors": [{"reason"}]}}}, see the
 * "Resolve errors" guide) into a classified {@link ConnectorException}. The client hands it over as a
 * {@link GoogleJsonResponseException}: status, the parsed error (absent when the body was not Gmail's JSON,
 * e.g. a proxy's page: then the status decides) and the response headers, {@code Retry-After} included.
 */
final class GmailErrors {

    private static final Set<String> RATE_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded",
            "dailyLimitExceeded", "quotaExceeded");
    private static final Set<String> GRANT_REASONS = Set.of("insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
            "forbidden", "authError");
    private static final Pattern RETRY_AFTER_IN_MESSAGE = Pattern.compile("Retry after (\\S+)");

    private GmailErrors() {
    }

    /** A 404: the caller decides what a missing history or message means. */
    static final class NotFound extends ConnectorException {
        NotFound(String reason) {
            super(FailureKind.PERMANENT, reason);
        }
    }

    static ConnectorException classify(String what, HttpResponseException answer, Clock clock) {
        int status = answer.getStatusCode();
        GoogleJsonError error = answer instanceof GoogleJsonResponseException json ? json.getDetails() : null;
        String reason = error == null || error.getErrors() == null || error.getErrors().isEmpty()
                || error.getErrors().getFirst().getReason() == null ? "" : error.getErrors().getFirst().getReason();
        String message = safe(error == null || error.getMessage() == null ? "" : error.getMessage());
        String said = what + " answered " + status + (reason.isEmpty() ? "" : " " + reason)
                + (message.isEmpty() ? "" : ": " + message);
        if (status == 429 || (status == 403 && RATE_REASONS.contains(reason))) {
            Optional<String> header = Optional.ofNullable(answer.getHeaders().getFirstHeaderStringValue("Retry-After"));
            return ConnectorException.throttled(said, retryAfter(header, message, clock).orElse(null));
        }
        if (status == 401 || (status == 403 && GRANT_REASONS.contains(reason))) {
            return new ConnectorException(FailureKind.AUTH_REVOKED, said + " (re-authorize the mailbox)");
        }
        if (status == 404) {
            return new NotFound(said);
        }
        if (status >= 500 || status == 408) {
            return new ConnectorException(FailureKind.NETWORK, said);
        }
        return new ConnectorException(FailureKind.PERMANENT, said);
    }

    /** {@code Retry-After} in seconds or as an HTTP date, else "Retry after &lt;instant&gt;" in the message. */
    static Optional<Duration> retryAfter(Optional<String> retryAfterHeader, String message, Clock clock) {
        Instant now = clock.instant();
        Optional<String> header = retryAfterHeader.map(String::trim);
        if (header.isPresent()) {
            if (header.get().matches("[0-9]{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(header.get())));
            }
            try {
                return Optional.of(positive(Duration.between(now,
                        ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())));
            } catch (DateTimeParseException e) {
                // fall through to the message
            }
        }
        Matcher m = RETRY_AFTER_IN_MESSAGE.matcher(message);
        if (m.find()) {
            try {
                return Optional.of(positive(Duration.between(now, Instant.parse(m.group(1)))));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Provider text kept short and on one line; Gmail's messages carry no secrets. */
    private static String safe(String message) {
        String line = message.replaceAll("[\\r\\n\\t]+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
