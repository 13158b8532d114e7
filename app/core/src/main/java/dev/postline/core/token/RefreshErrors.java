package dev.postline.core.token;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a token endpoint's error answer (RFC 6749 §5.2: {@code error}, {@code error_description})
 * by the providers' documented failures (PROVIDERS.md). Revoked means only re-consent helps; every
 * other failure is transient, including a refused platform app, which no tenant admin can fix by
 * re-authenticating (the operator must) and which must not expire every touchpoint at once.
 */
final class RefreshErrors {

    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d{4,7}");

    private RefreshErrors() {}

    static ConnectorException classify(OAuthProvider provider, int status, String error, String description) {
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
                return revoked(name(provider) + " refused the refresh token (invalid_grant" + suffix(aadsts) + ")");
            case "interaction_required", "consent_required":
                return revoked(name(provider) + " requires the user to sign in again (" + code + suffix(aadsts) + ")");
            case "invalid_client", "unauthorized_client":
                return new ConnectorException(FailureKind.AUTH_TRANSIENT, "the platform's " + name(provider)
                        + " OAuth app was refused (" + code + suffix(aadsts) + "): the operator must check its client id and secret");
            default:
                String safe = code.replaceAll("[^a-z0-9_.-]", "");
                return new ConnectorException(FailureKind.AUTH_TRANSIENT, "the " + name(provider) + " token endpoint answered "
                        + status + (safe.isEmpty() ? "" : " (" + (safe.length() > 60 ? safe.substring(0, 60) : safe) + ")"));
        }
    }

    static ConnectorException unreachable(OAuthProvider provider, Exception e) {
        return new ConnectorException(FailureKind.AUTH_TRANSIENT,
                "the " + name(provider) + " token endpoint could not be reached (" + e.getClass().getSimpleName() + ")", e);
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

    static String name(OAuthProvider provider) {
        return provider == OAuthProvider.GOOGLE ? "Google" : "Microsoft";
    }
}
