package dev.postline.connectors.gmaildouble;

import java.time.Duration;
import java.time.Instant;

/**
 * An error the double answers instead of serving a request, with the JSON body Gmail documents
 * ("Resolve errors" guide): {@code {"error": {"code", "message", "errors": [{"domain", "reason", "message"}], "status"}}}.
 *
 * @param retryAfterHeader value for a {@code Retry-After} header (seconds), or null for none
 * @param retryAt          when set, the message ends with "Retry after &lt;ISO instant&gt;", as Gmail's
 *                         per-user limit errors sometimes do
 */
public record Fault(int status, String domain, String reason, String message, Duration retryAfterHeader,
                    Instant retryAt) {

    public static Fault tooManyRequests(Duration retryAfter) {
        return new Fault(429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded", retryAfter, null);
    }

    public static Fault rateLimitExceeded403(Duration retryAfter) {
        return new Fault(403, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded", retryAfter, null);
    }

    public static Fault userRateLimitExceeded403(Instant retryAt) {
        return new Fault(403, "usageLimits", "userRateLimitExceeded", "User-rate limit exceeded.", null, retryAt);
    }

    public static Fault unauthorized() {
        return new Fault(401, "global", "authError", "Invalid Credentials", null, null);
    }

    public static Fault serverError(int status) {
        return new Fault(status, "global", "backendError", "Backend Error", null, null);
    }

    public static Fault notFound() {
        return new Fault(404, "global", "notFound", "Requested entity was not found.", null, null);
    }

    public static Fault insufficientPermissions() {
        return new Fault(403, "global", "insufficientPermissions", "Insufficient Permission", null, null);
    }

    public static Fault badRequest(String message) {
        return new Fault(400, "global", "badRequest", message, null, null);
    }

    String fullMessage() {
        return retryAt == null ? message : message + "  Retry after " + retryAt;
    }

    String statusName() {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 413 -> "INVALID_ARGUMENT";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL" : "UNKNOWN";
        };
    }
}
