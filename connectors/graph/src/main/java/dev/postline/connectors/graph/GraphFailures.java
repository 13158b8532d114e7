package dev.postline.connectors.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Locale;

/**
 * Classifies Graph's error answers ({@code {"error":{"code","message","innerError"}}}). Reasons are our
 * own words plus Graph's error code; Graph's message text is quoted only for refusals of an item,
 * shortened, and never carries a token.
 */
final class GraphFailures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUOTED_MESSAGE_LIMIT = 200;

    private final Clock clock;

    GraphFailures(Clock clock) {
        this.clock = clock;
    }

    ConnectorException classify(HttpResponse<byte[]> response, String doing) {
        int status = response.statusCode();
        JsonNode error = errorOf(response.body());
        String code = error.path("code").asText("");
        String said = " (HTTP " + status + (code.isEmpty() ? "" : " " + code) + ")";
        String lower = code.toLowerCase(Locale.ROOT);
        if (status == 410 || lower.equals("syncstatenotfound") || lower.equals("resyncrequired")) {
            return new ConnectorException(FailureKind.CURSOR_INVALID,
                    "Microsoft Graph no longer knows this delta link; the inbox must be resynced" + said);
        }
        if (status == 429 || status == 503) {
            return ConnectorException.throttled("Microsoft Graph asked to slow down while " + doing + said,
                    RetryAfter.parse(response.headers().firstValue("Retry-After"), clock).orElse(null));
        }
        if (status == 401) {
            return new ConnectorException(FailureKind.AUTH_REVOKED,
                    "Microsoft Graph refused the access token twice while " + doing + "; the mailbox must be signed in again" + said);
        }
        if (status == 403) {
            return new ConnectorException(FailureKind.AUTH_REVOKED, "Microsoft Graph denied access while " + doing
                    + "; the grant may lack Mail.ReadWrite or Mail.Send, or the mailbox is not licensed" + said);
        }
        if (status == 413) {
            return new ConnectorException(FailureKind.PERMANENT,
                    "the message is larger than Microsoft Graph accepts in one request (4 MB)" + said);
        }
        if (status >= 500 || status == 408) {
            return new ConnectorException(FailureKind.NETWORK, "Microsoft Graph failed while " + doing + said);
        }
        return new ConnectorException(FailureKind.PERMANENT, "Microsoft Graph refused " + doing + said
                + quoted(error.path("message").asText("")));
    }

    private static String quoted(String message) {
        if (message.isBlank()) {
            return "";
        }
        String shortened = message.length() > QUOTED_MESSAGE_LIMIT ? message.substring(0, QUOTED_MESSAGE_LIMIT) + "…" : message;
        return ": " + shortened.replaceAll("[\\r\\n]+", " ");
    }

    private static JsonNode errorOf(byte[] body) {
        try {
            return JSON.readTree(body).path("error");
        } catch (IOException | RuntimeException e) {
            return JSON.missingNode();
        }
    }
}
