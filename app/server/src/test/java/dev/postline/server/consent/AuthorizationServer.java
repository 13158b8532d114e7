package dev.postline.server.consent;

import dev.postline.server.support.TestTls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * mock-oauth2-server as one provider's authorization server for the consent tests; over TLS with
 * the shared test certificate ({@link TestTls}) when it stands in for Entra ID, which the application
 * reaches through MSAL (https authorities only). Its authorize
 * endpoint logs the user in without a page and redirects with a code; its token endpoint redeems the
 * code (checking the PKCE verifier), issues signed JWT access tokens whose subject is the mailbox the
 * user signed in as ({@link #authorize}), and answers refresh-token grants itself. Answers it cannot produce
 * (a token response without a scope, {@code invalid_grant} for a revoked grant) are {@link #script}ed
 * for the next token request.
 */
final class AuthorizationServer {

    private static final Pattern CLAIM = Pattern.compile("\"(sub|iss)\"\\s*:\\s*\"([^\"]+)\"");

    private final ConcurrentLinkedDeque<String[]> scripted = new ConcurrentLinkedDeque<>();
    /** MSAL posts to {@code {authority}/oauth2/v2.0/token}; mock-oauth2-server names the issuer after that path. */
    static final String MSAL_PATH = "/oauth2/v2.0";

    private final MockOAuth2Server server;
    final String issuer;
    final boolean tls;

    AuthorizationServer(String issuer) {
        this(issuer, false);
    }

    AuthorizationServer(String issuer, boolean tls) {
        this.issuer = issuer;
        this.tls = tls;
        OAuth2Config config = tls ? new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(), java.util.Set.of(),
                TestTls.server()) : new OAuth2Config(false, null, null, false);
        this.server = new MockOAuth2Server(config, new ScriptedRoute());
        server.start();
    }

    Map<String, String> platformApp(String prefix, String callbackPath) {
        Map<String, String> props = new java.util.HashMap<>(Map.of(prefix + "client-id", issuer + "-client-id",
                prefix + "client-secret", issuer + "-client-secret-canary",
                prefix + "redirect-uri", "http://127.0.0.1:8080" + callbackPath,
                prefix + "token-uri", server.tokenEndpointUrl(issuer).toString(),
                prefix + "authorization-uri", server.authorizationEndpointUrl(issuer).toString()));
        if (tls) { // MSAL's authority {authority}/{tenant} is the issuer
            props.put(prefix + "authority", server.baseUrl().toString());
            props.put(prefix + "tenant", issuer);
        }
        return props;
    }

    /** The issuer of the tokens the application redeems (through MSAL when over TLS). */
    private String tokenIssuer() {
        return tls ? issuer + MSAL_PATH : issuer;
    }

    String authorizationEndpoint() {
        return server.authorizationEndpointUrl(issuer).toString();
    }

    /** The next code redeemed issues access tokens valid for {@code seconds} (the subject is who signs in). */
    void tokensLast(long seconds) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(tokenIssuer(), "unused", "JWT", List.of("postline"), Map.of(), seconds));
    }

    /** The next token request gets this answer instead of the server's own. */
    void script(int status, String body) {
        scripted.add(new String[] {Integer.toString(status), body});
    }

    /**
     * The user at the authorize endpoint: the server shows its sign-in page (Postline always asks
     * for a prompt), the user signs in as {@code mailbox}, and the server sends the browser back to
     * the registered redirect URI with {@code code} and {@code state} — returned here, not followed.
     */
    URI authorize(URI authorizationUrl, String mailbox) throws Exception {
        var http = java.net.http.HttpClient.newBuilder().sslContext(TestTls.context())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        var page = http.send(java.net.http.HttpRequest.newBuilder(authorizationUrl).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200 || !page.body().contains("name=\"username\"")) {
            throw new AssertionError("no sign-in page at the authorization server: " + page.statusCode());
        }
        var response = http.send(java.net.http.HttpRequest.newBuilder(authorizationUrl)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "username=" + java.net.URLEncoder.encode(mailbox, StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("the authorization server did not redirect: " + response.statusCode() + " " + response.body()));
        return URI.create(location);
    }

    /** Who a token this server issued belongs to (its subject), as a provider's API would tell. */
    Optional<String> subjectOf(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String sub = null;
        String iss = null;
        Matcher m = CLAIM.matcher(payload);
        while (m.find()) {
            if (m.group(1).equals("sub")) {
                sub = m.group(2);
            } else {
                iss = m.group(2);
            }
        }
        return iss != null && iss.endsWith("/" + tokenIssuer()) ? Optional.ofNullable(sub) : Optional.empty();
    }

    /** The token requests received since the last call (other requests are dropped), each as "path body". */
    List<String> takeRequests() {
        List<String> seen = new ArrayList<>();
        while (true) {
            RecordedRequest request;
            try {
                request = server.takeRequest(200, TimeUnit.MILLISECONDS);
            } catch (RuntimeException none) {
                return seen;
            }
            if (request == null) {
                return seen;
            }
            if (request.getPath() != null && request.getPath().endsWith("/token")) {
                seen.add(request.getPath() + " " + request.getBody().readUtf8());
            }
        }
    }

    void shutdown() {
        server.shutdown();
    }

    static String tokens(String access, String refresh, String scope) {
        return "{\"token_type\":\"Bearer\",\"access_token\":\"" + access + "\",\"expires_in\":3600,\"refresh_token\":\"" + refresh
                + "\",\"scope\":\"" + scope + "\"}";
    }

    static String error(String error, String description) {
        return "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
    }

    private final class ScriptedRoute implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return request.getUrl().encodedPath().endsWith("/token") && !scripted.isEmpty();
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String[] next = scripted.poll();
            if (next == null) {
                return new OAuth2HttpResponse(Headers.of(), 500, "script exhausted", null);
            }
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), Integer.parseInt(next[0]), next[1], null);
        }
    }
}
