package dev.postline.connectors.graphdouble;

import java.time.Duration;
import java.util.Optional;

/**
 * An error answer in Graph's documented shape: an HTTP status, a body
 * {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}} and, for
 * throttling, a {@code Retry-After} header (seconds, or an HTTP date).
 */
public record Fault(int status, String code, String message, Optional<String> retryAfter) {

    /** The delta link expired: {@code 410 Gone}, code {@code SyncStateNotFound} (Outlook's form). */
    public static Fault gone() {
        return new Fault(410, "SyncStateNotFound",
                "The sync state generation is not found; generation=149;[highest=157][157][155][156].", Optional.empty());
    }

    /** The delta token expired, answered as {@code 400} with code {@code syncStateNotFound}. */
    public static Fault syncStateNotFound() {
        return new Fault(400, "syncStateNotFound",
                "The sync state generation is not found. The delta token is expired and data must be synchronized again.",
                Optional.empty());
    }

    /** {@code 429 Too Many Requests} with {@code Retry-After} in seconds. */
    public static Fault tooManyRequests(Duration retryAfter) {
        return new Fault(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.",
                Optional.of(Long.toString(retryAfter.toSeconds())));
    }

    /** {@code 503 Service Unavailable} with {@code Retry-After} in seconds. */
    public static Fault serviceUnavailable(Duration retryAfter) {
        return new Fault(503, "serviceNotAvailable",
                "The service is temporarily unavailable for maintenance or is overloaded. Retry the request after a delay.",
                Optional.of(Long.toString(retryAfter.toSeconds())));
    }

    /** {@code 401} for an expired or unknown access token. */
    public static Fault invalidAuthenticationToken() {
        return new Fault(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.",
                Optional.empty());
    }

    /** A server error without advice, e.g. 500 {@code generalException} or 502/504. */
    public static Fault serverError(int status) {
        return new Fault(status, status == 500 ? "generalException" : "UnknownError",
                "An internal server error occurred.", Optional.empty());
    }

    /** The same fault with a raw {@code Retry-After} value, e.g. an HTTP date. */
    public Fault withRetryAfter(String raw) {
        return new Fault(status, code, message, Optional.of(raw));
    }
}
