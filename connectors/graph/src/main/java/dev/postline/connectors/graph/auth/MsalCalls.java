package dev.postline.connectors.graph.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.oauth.PlatformApp;
import dev.postline.connectors.api.oauth.TokenErrors;
import java.io.IOException;
import java.net.MalformedURLException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link ConfidentialClientApplication} for one call and turns every way it can fail into
 * a classified {@link ConnectorException} whose reason holds no token, secret or raw body (only the
 * OAuth {@code error} code and an {@code AADSTS} number, through {@link TokenErrors}).
 */
final class MsalCalls {

    static final String PROVIDER = "Microsoft";

    /**
     * Entra's login hosts (public and national clouds): addressed as an AAD authority, with MSAL's
     * instance discovery. Any other https authority is treated as a generic OIDC provider.
     */
    private static final Set<String> ENTRA_HOST_SUFFIXES = Set.of("login.microsoftonline.com", "login.microsoftonline.us",
            "login.chinacloudapi.cn", "login.partner.microsoftonline.cn", "login.microsoftonline.de", "login.microsoft.com",
            "login.windows.net");

    /**
     * MSAL's own executor would be the common fork-join pool (one thread on a small machine), where
     * one slow token endpoint would hold up every touchpoint: each call gets a virtual thread.
     */
    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    /** MSAL's error code for an error answer without {@code error} and {@code error_description}. */
    private static final String UNPARSED = "unknown";

    /** "… returned status code: 503 with …" in MSAL's text for error answers it could not parse. */
    private static final Pattern STATUS_IN_MESSAGE = Pattern.compile("status code:? (\\d{3})\\b");

    private MsalCalls() {}

    static IAuthenticationResult run(PlatformApp app, TouchpointTokenCache cache, MsalTokenClient.Acquisition acquisition)
            throws ConnectorException {
        ConfidentialClientApplication application = build(app, cache);
        try {
            return acquisition.on(application).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureKind.AUTH_TRANSIENT, "interrupted while waiting for the " + PROVIDER + " token endpoint");
        } catch (ExecutionException | CompletionException e) {
            throw classify(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    private static ConfidentialClientApplication build(PlatformApp app, TouchpointTokenCache cache) throws ConnectorException {
        String authority = app.authority().toString();
        if (!"https".equals(app.authority().getScheme())) {
            throw new ConnectorException(FailureKind.AUTH_TRANSIENT, "the " + PROVIDER + " authority must be an https URL (MSAL "
                    + "accepts no other); the operator must fix postline.oauth.microsoft.authority");
        }
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication
                    .builder(app.clientId(), ClientCredentialFactory.createFromSecret(app.clientSecret()))
                    .setTokenCacheAccessAspect(cache)
                    .executorService(EXECUTOR)
                    .connectTimeoutForDefaultHttpClient(millis(app))
                    .readTimeoutForDefaultHttpClient(millis(app))
                    // The token service owns retries (classified failures, backoff, the refresh lock): one request per attempt.
                    .disableInternalRetries();
            builder = isEntra(app) ? builder.authority(authority) : builder.oidcAuthority(authority);
            if (app.tlsTrust().isPresent()) {
                builder = builder.sslSocketFactory(app.tlsTrust().get());
            }
            return builder.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new ConnectorException(FailureKind.AUTH_TRANSIENT, "the " + PROVIDER + " authority " + authority
                    + " is not usable by MSAL; the operator must fix postline.oauth.microsoft.authority");
        } catch (RuntimeException e) {
            throw classify(e); // an OIDC authority is discovered while building: unreachable, or a broken answer
        }
    }

    static ConnectorException classify(Throwable failure) {
        if (failure instanceof MsalServiceException service) {
            int status = service.statusCode() == null ? 0 : service.statusCode();
            if (!UNPARSED.equals(service.errorCode())) { // an RFC 6749 §5.2 error answer: MSAL's message is its description
                return TokenErrors.classify(PROVIDER, status, service.errorCode(), service.getMessage());
            }
            // An answer without error + description (a bare 5xx): MSAL's message quotes the body, so only the status is kept.
            Matcher quoted = STATUS_IN_MESSAGE.matcher(String.valueOf(service.getMessage()));
            return TokenErrors.classify(PROVIDER, quoted.find() ? Integer.parseInt(quoted.group(1)) : status, null, null);
        }
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof IOException) {
                return TokenErrors.unreachable(PROVIDER, cause);
            }
            cause = cause.getCause();
        }
        if (failure instanceof MsalClientException client) {
            String code = client.errorCode() == null ? "" : client.errorCode().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "");
            return new ConnectorException(FailureKind.AUTH_TRANSIENT, "MSAL could not complete the " + PROVIDER + " token request"
                    + (code.isEmpty() ? "" : " (" + (code.length() > 60 ? code.substring(0, 60) : code) + ")"), failure);
        }
        return new ConnectorException(FailureKind.AUTH_TRANSIENT, "the " + PROVIDER + " token request failed ("
                + failure.getClass().getSimpleName() + ")", failure);
    }

    private static boolean isEntra(PlatformApp app) {
        String host = app.authority().getHost() == null ? "" : app.authority().getHost().toLowerCase(Locale.ROOT);
        return ENTRA_HOST_SUFFIXES.stream().anyMatch(suffix -> host.equals(suffix) || host.endsWith("." + suffix));
    }

    private static Integer millis(PlatformApp app) {
        return (int) Math.min(Integer.MAX_VALUE, app.timeout().toMillis());
    }
}
