package dev.postline.connectors.api.oauth;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a token endpoint's error answer (RFC 6749 §5.2: {@code error}, {@code error_description})
 * by the providers' documented failures (PROVIDERS.md), for the core's plain route and for provider
 * token libraries alike. Revoked means only re-consent helps; every other failure is transient,
 * including a refused platform app, which no tenant admin can fix by re-authenticating (the operator
 * must) and which must not expire every touchpoint at once.
 *
 * <p>The reason is built from our own words plus the sanitized {@code error} code and an
 * {@code AADSTS} number: never the description itself, which may echo request data.
 */
public final class TokenErrors {

    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d{4,7}");

    private TokenErrors() {}

    /**
     * @param provider the provider's name as an admin reads it ({@code Microsoft}, {@code Google})
     * @param status the HTTP status of the answer; 0 when the library did not say
     */
    public static ConnectorException classify(String provider, int status, String error, String description) {
        String code = error == null ? "" : error.trim().toLowerCase(Locale.ROOT);
        String text = description == null ? "" : description;
        String aadsts = firstAadsts(text);
        if ("AADSTS700082".equals(aadsts)) {
            return revoked("the Microsoft refresh token expired after 90 days without use (AADSTS700082)");
        }
        if ("AADSTS50173".equals(aadsts)) {
            return revoked("Microsoft revoked the grant, e.g. after a password change (AADSTS50173)");
        }
        if (text.contains("Token has been expired or revoked")) {
            return revoked("Google reports the grant expired or revoked");
        }
        switch (code) {
            case "invalid_grant":
                return revoked(provider + " refused the refresh token (invalid_grant" + suffix(aadsts) + ")");
            case "interaction_required", "consent_required":
                return revoked(provider + " requires the user to sign in again (" + code + suffix(aadsts) + ")");
            case "invalid_client", "unauthorized_client":
                return new ConnectorException(FailureKind.AUTH_TRANSIENT, "the platform's " + provider
                        + " OAuth app was refused (" + code + suffix(aadsts) + "): the operator must check its client id and secret");
            default:
                String safe = code.replaceAll("[^a-z0-9_.-]", "");
                return new ConnectorException(FailureKind.AUTH_TRANSIENT, "the " + provider + " token endpoint answered"
                        + (status > 0 ? " " + status : " with an error")
                        + (safe.isEmpty() ? "" : " (" + (safe.length() > 60 ? safe.substring(0, 60) : safe) + ")"));
        }
    }

    /** The token endpoint could not be reached or did not answer in time: always transient. */
    public static ConnectorException unreachable(String provider, Throwable cause) {
        return new ConnectorException(FailureKind.AUTH_TRANSIENT,
                "the " + provider + " token endpoint could not be reached (" + cause.getClass().getSimpleName() + ")", cause);
    }

    private static ConnectorException revoked(String reason) {
        return new ConnectorException(FailureKind.AUTH_REVOKED, reason + "; an admin must re-authorize the mailbox");
    }

    private static String firstAadsts(String text) {
        Matcher m = AADSTS.matcher(text);
        return m.find() ? m.group() : "";
    }

    private static String suffix(String aadsts) {
        return aadsts.isEmpty() ? "" : ", " + aadsts;
    }
}
