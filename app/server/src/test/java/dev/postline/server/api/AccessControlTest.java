package dev.postline.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Who may call what: roles, API keys, operators, sessions, and what a failed login reveals. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "acl");
    }

    @Test
    void withoutAuthenticationEveryApiCallIs401() {
        var response = http.get("/api/v1/users", Auth.NONE);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void agentsReadQueuesButCannotAdministrate() {
        assertThat(http.get("/api/v1/ring-groups", t.agent()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/users", t.agent()).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/users", t.agent(), Map.of("email", "x@acl.example.com", "displayName", "X",
                "role", "ADMIN", "password", "a-good-password")).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/api-keys", t.agent()).status()).isEqualTo(403);
    }

    @Test
    void aSupervisorApiKeyReadsButCannotAdministrate() {
        assertThat(http.get("/api/v1/users", t.apiKey()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/touchpoints", t.apiKey()).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/ring-groups", t.apiKey(), Map.of("name", "From a key")).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/api-keys", t.apiKey()).status()).isEqualTo(403);
    }

    @Test
    void apiKeysCannotBeAdmins() {
        var response = http.post("/api/v1/api-keys", t.admin(), Map.of("name", "Too strong", "role", "ADMIN"));
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void aRevokedOrTamperedApiKeyIsRejected() {
        var issued = TenantFixture.expect(http.post("/api/v1/api-keys", t.admin(), Map.of("name", "Short-lived")), 201);
        Auth key = Auth.apiKey(issued.string("key"));
        assertThat(http.get("/api/v1/users", key).status()).isEqualTo(200);
        String tampered = issued.string("key").substring(0, issued.string("key").length() - 2) + "xx";
        assertThat(http.get("/api/v1/users", Auth.apiKey(tampered)).status()).isEqualTo(401);
        @SuppressWarnings("unchecked")
        String id = ((Map<String, Object>) issued.map().get("apiKey")).get("id").toString();
        assertThat(http.delete("/api/v1/api-keys/" + id, t.admin()).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/users", key).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/api-keys", t.admin()).body()).doesNotContain(issued.string("key"));
    }

    @Test
    void operatorsAndTenantsStayInTheirLanes() {
        Auth operator = Auth.bearer(http.login(null, OPERATOR_EMAIL, OPERATOR_PASSWORD));
        assertThat(http.get("/api/v1/operator/tenants", operator).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/users", operator).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/operator/tenants", t.admin()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/operator/tenants", t.apiKey()).status()).isEqualTo(403);
    }

    @Test
    void aFailedLoginRevealsNothingAboutWhatExists() {
        var wrongPassword = http.post("/api/v1/auth/login", Auth.NONE, Map.of("tenant", "acl", "email", "admin@acl.example.com", "password", "wrong-password"));
        var unknownUser = http.post("/api/v1/auth/login", Auth.NONE, Map.of("tenant", "acl", "email", "nobody@acl.example.com", "password", "wrong-password"));
        var unknownTenant = http.post("/api/v1/auth/login", Auth.NONE, Map.of("tenant", "nope", "email", "admin@acl.example.com", "password", "wrong-password"));
        var otherTenant = http.post("/api/v1/auth/login", Auth.NONE, Map.of("tenant", "acl", "email", "operator@platform.test", "password", OPERATOR_PASSWORD));
        for (var response : java.util.List.of(wrongPassword, unknownUser, unknownTenant, otherTenant)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.string("detail")).isEqualTo("wrong tenant, email or password");
        }
    }

    @Test
    void aDisabledUserCannotLogIn() {
        var user = TenantFixture.expect(http.post("/api/v1/users", t.admin(), Map.of("email", "leaver@acl.example.com",
                "displayName", "Leaver", "role", "AGENT", "password", "a-good-password")), 201);
        http.login("acl", "leaver@acl.example.com", "a-good-password");
        TenantFixture.expect(http.patch("/api/v1/users/" + user.string("id"), t.admin(), Map.of("enabled", false)), 200);
        assertThat(http.post("/api/v1/auth/login", Auth.NONE, Map.of("tenant", "acl", "email", "leaver@acl.example.com",
                "password", "a-good-password")).status()).isEqualTo(401);
    }

    @Test
    void theLastAdminCannotBeDemotedOrDeleted() {
        var demote = http.patch("/api/v1/users/" + t.adminId(), t.admin(), Map.of("role", "AGENT"));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(http.delete("/api/v1/users/" + t.adminId(), t.admin()).status()).isEqualTo(409);
        assertThat(http.get("/api/v1/users/" + t.adminId(), t.admin()).string("role")).isEqualTo("ADMIN");
    }

    @Test
    void theSessionCookieAuthenticatesLikeTheToken() throws Exception {
        var login = http.post("/api/v1/auth/login", Auth.NONE, Map.of("tenant", "acl", "email", "admin@acl.example.com",
                "password", TenantFixture.PASSWORD));
        String setCookie = login.headers().get("set-cookie").getFirst();
        assertThat(setCookie).startsWith("postline_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.getURI() + "/api/v1/auth/me")).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(t.tenantId()).contains("ADMIN");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() {
        String header = "eyJhbGciOiJIUzI1NiJ9";
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + t.adminId()
                + "\",\"roles\":[\"ADMIN\"],\"tenantId\":\"" + t.tenantId() + "\",\"kind\":\"USER\",\"principalId\":\""
                + t.adminId() + "\"}").getBytes());
        assertThat(http.get("/api/v1/users", Auth.bearer(header + "." + payload + ".c2lnbmF0dXJl")).status()).isEqualTo(401);
    }
}
