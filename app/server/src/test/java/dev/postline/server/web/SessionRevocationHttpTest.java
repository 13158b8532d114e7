package dev.postline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A session ends when its user's standing changes (#13 item 10): after sign-out, a password change,
 * a role change, disabling or deleting, the credential issued before — bearer token or session
 * cookie — gets 401 at once, through the real HTTP server; a token without {@code exp} or with a
 * future {@code nbf} is refused even when correctly signed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionRevocationHttpTest implements PostlineTestProperties {

    static final String SECRET = "test-jwt-secret-that-is-long-enough-for-hs256-signing"; // PostlineTestProperties

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    enum Event { SIGN_OUT, PASSWORD_CHANGE, ROLE_CHANGE, DISABLE, DELETE }

    enum Credential { BEARER, COOKIE }

    record Combination(Event event, Credential credential) {}

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "sessions");
    }

    static java.util.stream.Stream<Combination> everyEventWithEveryCredential() {
        return java.util.Arrays.stream(Event.values())
                .flatMap(e -> java.util.Arrays.stream(Credential.values()).map(c -> new Combination(e, c)));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("everyEventWithEveryCredential")
    void theCredentialIssuedBeforeTheEventGets401(Combination c) {
        String email = ("victim-" + c.event() + "-" + c.credential() + "@sessions.example.com").toLowerCase(Locale.ROOT).replace('_', '-');
        String userId = TenantFixture.expect(http.post("/api/v1/users", t.admin(), Map.of("email", email,
                "displayName", "Victim", "role", "ADMIN", "password", TenantFixture.PASSWORD)), 201).string("id");
        String credential = signIn(email, c.credential());
        assertThat(send("GET", "/api/v1/auth/me", c.credential(), credential, null).statusCode()).as("before").isEqualTo(200);

        switch (c.event()) {
            case SIGN_OUT -> assertThat(send("POST", "/api/v1/auth/logout", c.credential(), credential, null).statusCode()).isEqualTo(204);
            case PASSWORD_CHANGE -> TenantFixture.expect(http.patch("/api/v1/users/" + userId, t.admin(),
                    Map.of("password", "a-new-password-2")), 200);
            case ROLE_CHANGE -> TenantFixture.expect(http.patch("/api/v1/users/" + userId, t.admin(), Map.of("role", "AGENT")), 200);
            case DISABLE -> TenantFixture.expect(http.patch("/api/v1/users/" + userId, t.admin(), Map.of("enabled", false)), 200);
            case DELETE -> TenantFixture.expect(http.delete("/api/v1/users/" + userId, t.admin()), 204);
        }

        assertThat(send("GET", "/api/v1/auth/me", c.credential(), credential, null).statusCode()).as("who am I").isEqualTo(401);
        assertThat(send("POST", "/api/v1/api-keys", c.credential(), credential, "{\"name\":\"After\",\"role\":\"SUPERVISOR\"}").statusCode())
                .as("create an API key").isEqualTo(401);
        assertThat(send("POST", "/api/v1/users", c.credential(), credential, "{\"email\":\"new-admin-" + c.event().ordinal()
                + c.credential().ordinal() + "@sessions.example.com\",\"displayName\":\"X\",\"role\":\"ADMIN\",\"password\":\"x-password-123\"}")
                .statusCode()).as("create an admin").isEqualTo(401);
        assertThat(http.get("/api/v1/auth/me", t.admin()).status()).as("another user's session is untouched").isEqualTo(200);
        if (c.event() == Event.SIGN_OUT) {
            assertThat(http.get("/api/v1/auth/me", Auth.bearer(http.login("sessions", email, TenantFixture.PASSWORD))).status())
                    .as("signing in again works").isEqualTo(200);
        }
    }

    @Test
    void signingOutOfTheAdminPagesEndsTheCookiesSession() {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("sessions", "admin@sessions.example.com", TenantFixture.PASSWORD);
        String cookie = browser.cookie("postline_session").orElseThrow();
        var page = browser.get("/admin/touchpoints");
        assertThat(page.statusCode()).isEqualTo(200);

        assertThat(browser.post("/admin/sign-out", Map.of("_csrf", FormClient.token(page))).statusCode()).isEqualTo(303);

        assertThat(send("GET", "/api/v1/auth/me", Credential.COOKIE, cookie, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin/touchpoints", Credential.COOKIE, cookie, null).statusCode()).as("to the sign-in page").isEqualTo(303);
        // Signing out ends every session of the user; the fixture's admin signs in again for the other tests.
        t = new TenantFixture(t.slug(), t.marker(), t.tenantId(),
                Auth.bearer(http.login("sessions", "admin@sessions.example.com", TenantFixture.PASSWORD)), t.agent(), t.apiKey(),
                t.adminId(), t.agentId(), t.ringGroupId(), t.touchpointId(), t.apiKeyId(), t.touchpointPassword());
    }

    @Test
    void theOperatorsSignOutEndsItsSessions() {
        String operator = http.login(null, OPERATOR_EMAIL, OPERATOR_PASSWORD);
        assertThat(send("GET", "/api/v1/operator/tenants", Credential.BEARER, operator, null).statusCode()).isEqualTo(200);

        assertThat(send("POST", "/api/v1/auth/logout", Credential.BEARER, operator, null).statusCode()).isEqualTo(204);

        assertThat(send("GET", "/api/v1/operator/tenants", Credential.BEARER, operator, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/operator/tenants", Credential.BEARER, http.login(null, OPERATOR_EMAIL, OPERATOR_PASSWORD), null)
                .statusCode()).as("signed in again").isEqualTo(200);
    }

    @Test
    void aSignedTokenWithoutExpiryOrNotValidYetIsRefused() throws Exception {
        String genuine = http.login("sessions", "agent@sessions.example.com", TenantFixture.PASSWORD);
        assertThat(send("GET", "/api/v1/auth/me", Credential.BEARER, resign(genuine, b -> b), null).statusCode())
                .as("re-signed as is: the forging works").isEqualTo(200);

        String noExpiry = resign(genuine, b -> b.expirationTime(null));
        String notYet = resign(genuine, b -> b.notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1)))));
        for (Credential credential : Credential.values()) {
            assertThat(send("GET", "/api/v1/auth/me", credential, noExpiry, null).statusCode()).as("no exp, " + credential).isEqualTo(401);
            assertThat(send("GET", "/api/v1/auth/me", credential, notYet, null).statusCode()).as("future nbf, " + credential).isEqualTo(401);
        }
    }

    /** The same claims, changed by {@code change}, signed with the server's secret. */
    private static String resign(String token, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet claims = change.apply(new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())).build();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        forged.sign(new MACSigner(SECRET));
        return forged.serialize();
    }

    /** Signs in through the login API; the bearer token from the body or the session cookie's value. */
    private String signIn(String email, Credential credential) {
        Http.Response login = TenantFixture.expect(http.post("/api/v1/auth/login", Auth.NONE,
                Map.of("tenant", "sessions", "email", email, "password", TenantFixture.PASSWORD)), 200);
        if (credential == Credential.BEARER) {
            return login.string("accessToken");
        }
        return login.headers().getOrDefault("set-cookie", java.util.List.of()).stream()
                .filter(h -> h.startsWith("postline_session=")).map(h -> h.substring("postline_session=".length(), h.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
    }

    private HttpResponse<String> send(String method, String path, Credential credential, String value, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path)).timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        request.header(credential == Credential.BEARER ? "Authorization" : "Cookie",
                credential == Credential.BEARER ? "Bearer " + value : "postline_session=" + value);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
