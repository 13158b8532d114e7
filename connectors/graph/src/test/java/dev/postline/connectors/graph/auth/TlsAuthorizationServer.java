package dev.postline.connectors.graph.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.http.Ssl;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * mock-oauth2-server over TLS (its own self-signed certificate for {@code localhost}) standing in for
 * Entra ID: MSAL accepts only https authorities. It rotates refresh tokens on every use, as Microsoft
 * does, and refuses unknown ones with {@code invalid_grant}. Answers it cannot produce itself (the
 * AADSTS error texts, a 5xx) are {@link #script}ed for the next token request on the same server.
 */
final class TlsAuthorizationServer implements AutoCloseable {

    static final String ISSUER = "entra";

    private final ConcurrentLinkedDeque<String[]> scripted = new ConcurrentLinkedDeque<>();
    private final Ssl ssl = new Ssl();
    private final MockOAuth2Server server;

    TlsAuthorizationServer() {
        server = new MockOAuth2Server(new OAuth2Config(false, null, null, true, new OAuth2TokenProvider(), Set.of(),
                new MockWebServerWrapper(ssl)), new ScriptedRoute());
        server.start();
    }

    /** The authority MSAL is pointed at: the issuer, over https. */
    URI authority() {
        return server.issuerUrl(ISSUER).uri();
    }

    URI tokenUri() {
        return server.tokenEndpointUrl(ISSUER).uri();
    }

    /** Trusts exactly this server's certificate (what the core passes in tests only). */
    SSLSocketFactory trust() {
        return sslContext().getSocketFactory();
    }

    /**
     * The user's browser at the authorize endpoint (no login page: the server signs the user in and
     * redirects at once): returns the code from the redirect.
     */
    String authorize(String clientId, URI redirectUri, String verifier, String user) throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = URI.create(server.authorizationEndpointUrl(ISSUER) + "?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + enc(redirectUri.toString()) + "&scope=" + enc("openid offline_access Mail.ReadWrite Mail.Send User.Read")
                + "&state=s1&code_challenge=" + challenge + "&code_challenge_method=S256&login_hint=" + enc(user));
        HttpClient http = HttpClient.newBuilder().sslContext(sslContext()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect from the authorize endpoint: " + response.statusCode()));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new AssertionError("no code in the redirect");
        }
        return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
    }

    /** The next token request gets this answer instead of the server's own. */
    void script(int status, String body) {
        scripted.add(new String[] {Integer.toString(status), body});
    }

    /** The token requests received since the last call (discovery and others dropped), each as "path body". */
    List<String> tokenRequests() {
        List<String> seen = new java.util.ArrayList<>();
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

    static String error(String error, String description) {
        return "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
    }

    @Override
    public void close() {
        server.shutdown();
    }

    private SSLContext sslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(ssl.getSslKeystore().getKeyStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the test server's certificate", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
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
