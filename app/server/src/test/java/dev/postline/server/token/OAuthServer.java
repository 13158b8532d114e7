package dev.postline.server.token;

import dev.postline.server.support.TestTls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * mock-oauth2-server (a real OAuth2/OIDC server, in-process) as a provider's authorization server.
 * Grants come from its authorization-code flow ({@link #consent}); it then answers refresh-token
 * grants itself, rotating the refresh token when built with {@code rotate} (as Microsoft does) and
 * refusing unknown or already-rotated refresh tokens with {@code invalid_grant}. Built with
 * {@code tls} it answers over https with the shared test certificate ({@link TestTls}): the
 * application reaches Microsoft through MSAL, which accepts only https authorities.
 *
 * <p>Answers it cannot produce by itself (the providers' specific error texts, a 5xx, a slow answer)
 * are scripted with {@link #script}: an extra route of the same server serves them, once each, for
 * the next token request. Every request is recorded ({@link #takeRequests}).
 */
final class OAuthServer {

    private record Scripted(int status, String body, long delayMillis) {}

    private final ConcurrentLinkedDeque<Scripted> scripted = new ConcurrentLinkedDeque<>();
    private final Map<String, Scripted> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> answered = new java.util.concurrent.ConcurrentHashMap<>();
    final MockOAuth2Server server;
    final String issuer;
    final boolean tls;

    OAuthServer(String issuer, boolean rotate) {
        this(issuer, rotate, false);
    }

    OAuthServer(String issuer, boolean rotate, boolean tls) {
        this.issuer = issuer;
        this.tls = tls;
        OAuth2Config config = tls ? new OAuth2Config(false, null, null, rotate, new OAuth2TokenProvider(), java.util.Set.of(),
                TestTls.server()) : new OAuth2Config(false, null, null, rotate);
        this.server = new MockOAuth2Server(config, new ScriptedRoute());
        server.start();
    }

    String tokenUri() {
        return server.tokenEndpointUrl(issuer).toString();
    }

    /** The path of token requests: MSAL posts to the authority's {@code /oauth2/v2.0/token}, the plain route to the token URI. */
    String tokenPath() {
        return tls ? "/" + issuer + "/oauth2/v2.0/token" : "/" + issuer + "/token";
    }

    /** The next token request gets this answer instead of the server's own. */
    void script(int status, String body) {
        scripted.add(new Scripted(status, body, 0));
    }

    /**
     * Every refresh of {@code refreshToken} gets this answer until it is replaced or {@link #stopFailing}
     * is called: a token endpoint that keeps failing for one grant (or hands out tokens a test double
     * knows), while other grants refresh normally.
     */
    void answerRefreshesOf(String refreshToken, int status, String body) {
        answers.put(refreshToken, new Scripted(status, body, 0));
    }

    void failRefreshesOf(String refreshToken, int status, String body) {
        answerRefreshesOf(refreshToken, status, body);
    }

    void stopFailing() {
        answers.clear();
    }

    /** How many refreshes of {@code refreshToken} were answered by {@link #answerRefreshesOf}. */
    int refreshesOf(String refreshToken) {
        java.util.concurrent.atomic.AtomicInteger count = answered.get(refreshToken);
        return count == null ? 0 : count.get();
    }

    void scriptSlow(int status, String body, long delayMillis) {
        scripted.add(new Scripted(status, body, delayMillis));
    }

    /**
     * Runs the authorization-code flow as a consenting user would (the server logs the user in
     * without a page) and returns the token response's refresh token.
     */
    String consent(String clientId, String clientSecret) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TestTls.context()).build();
        String redirect = "http://127.0.0.1/callback";
        URI authorize = URI.create(server.authorizationEndpointUrl(issuer) + "?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&scope=openid+offline_access&state=s1");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
        String location = login.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + login));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new AssertionError("no code in " + location);
        }
        String form = "grant_type=authorization_code&code=" + code.group(1) + "&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&client_id=" + clientId + "&client_secret=" + clientSecret;
        // Redeemed where MSAL will refresh it: mock-oauth2-server keeps refresh tokens per issuer, and names the
        // issuer after the path (MSAL posts to {authority}/oauth2/v2.0/token, so the issuer is ".../microsoft/oauth2/v2.0").
        HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(server.url(tokenPath()).uri())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher refresh = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"").matcher(tokens.body());
        if (!refresh.find()) {
            throw new AssertionError("no refresh token in " + tokens.body());
        }
        takeRequests();
        return refresh.group(1);
    }

    static String tokens(String access, String refresh, int expiresIn) {
        return "{\"token_type\":\"Bearer\",\"access_token\":\"" + access + "\",\"expires_in\":" + expiresIn
                + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"") + "}";
    }

    static String error(String error, String description) {
        return "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
    }

    /** The requests received since the last call, each as "path body" (the body form-encoded); MSAL's discovery left out. */
    List<String> takeRequests() {
        List<String> bodies = new ArrayList<>();
        while (true) {
            RecordedRequest request;
            try {
                request = server.takeRequest(300, TimeUnit.MILLISECONDS);
            } catch (RuntimeException none) {
                return bodies; // the server signals "no request within the timeout" this way
            }
            if (request == null) {
                return bodies;
            }
            if (request.getPath() == null || !request.getPath().contains("/.well-known/")) {
                bodies.add(request.getPath() + " " + request.getBody().readUtf8());
            }
        }
    }

    void shutdown() {
        server.shutdown();
    }

    private final class ScriptedRoute implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return request.getUrl().encodedPath().endsWith("/token") && (!scripted.isEmpty() || failingFor(request) != null);
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            Scripted persistent = failingFor(request);
            if (persistent != null) {
                count(request);
            }
            Scripted next = persistent != null ? persistent : scripted.poll();
            if (next == null) {
                return new OAuth2HttpResponse(Headers.of(), 500, "script exhausted", null);
            }
            if (next.delayMillis() > 0) {
                try {
                    Thread.sleep(next.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), next.status(), next.body(), null);
        }
    }

    private Scripted failingFor(OAuth2HttpRequest request) {
        if (answers.isEmpty() || request.getBody() == null) {
            return null;
        }
        for (String pair : request.getBody().split("&")) {
            if (pair.startsWith("refresh_token=")) {
                return answers.get(java.net.URLDecoder.decode(pair.substring("refresh_token=".length()), StandardCharsets.UTF_8));
            }
        }
        return null;
    }

    private void count(OAuth2HttpRequest request) {
        for (String pair : request.getBody().split("&")) {
            if (pair.startsWith("refresh_token=")) {
                answered.computeIfAbsent(java.net.URLDecoder.decode(pair.substring("refresh_token=".length()), StandardCharsets.UTF_8),
                        k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            }
        }
    }

    static Map<String, String> platformApps(OAuthServer google, OAuthServer microsoft) {
        Map<String, String> props = new java.util.HashMap<>();
        props.put("postline.oauth.keep-alive.enabled", "false"); // the tests run the keep-alive by hand
        props.put("postline.oauth.google.client-id", "google-client-id");
        props.put("postline.oauth.google.client-secret", "google-client-secret-canary");
        props.put("postline.oauth.google.redirect-uri", "http://127.0.0.1:8080/oauth/google/callback");
        props.put("postline.oauth.google.token-uri", google.tokenUri());
        props.put("postline.oauth.google.publishing-status", "production");
        props.put("postline.oauth.microsoft.client-id", "microsoft-client-id");
        props.put("postline.oauth.microsoft.client-secret", "microsoft-client-secret-canary");
        props.put("postline.oauth.microsoft.redirect-uri", "http://127.0.0.1:8080/oauth/microsoft/callback");
        props.put("postline.oauth.microsoft.token-uri", microsoft.tokenUri());
        if (microsoft.tls) { // MSAL's authority: {authority}/{tenant} = the mock's issuer
            props.put("postline.oauth.microsoft.authority", microsoft.server.baseUrl().toString());
            props.put("postline.oauth.microsoft.tenant", microsoft.issuer);
        }
        return props;
    }
}
