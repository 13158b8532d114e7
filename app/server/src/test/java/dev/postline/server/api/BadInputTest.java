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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets a 4xx problem document that says what is wrong, and changes nothing: every case
 * compares the tenant's data before and after.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "bad-input");
    }

    Stream<Arguments> badRequests() {
        String user = "/api/v1/users";
        String groups = "/api/v1/ring-groups";
        String touchpoints = "/api/v1/touchpoints";
        Map<String, Object> validUser = Map.of("email", "new@bad-input.example.com", "displayName", "New", "role", "AGENT",
                "password", "a-good-password");
        return Stream.of(
                Arguments.of("malformed JSON", "POST", user, "{\"email\": \"x@y.com\",", 400, "Invalid JSON"),
                Arguments.of("not an object", "POST", groups, "[1, 2, 3]", 400, null),
                Arguments.of("unknown field tenantId", "POST", groups, "{\"name\": \"Sneaky\", \"tenantId\": \"" + t.tenantId() + "\"}", 400, "tenantId"),
                Arguments.of("unknown field id", "POST", user, withField(validUser, "id", "00000000-0000-0000-0000-000000000001"), 400, "id"),
                Arguments.of("state field", "POST", touchpoints, "{\"address\":\"a@bad-input.example.com\",\"displayName\":\"S\","
                        + "\"connector\":\"imap\",\"direction\":\"BOTH\",\"connectionState\":\"CONNECTED\"}", 400, "connectionState"),
                Arguments.of("tenantId in a patch", "PATCH", user + "/" + t.agentId(), "{\"tenantId\": \"" + t.tenantId() + "\"}", 400, "tenantId"),
                Arguments.of("wrong type for role", "POST", user, withField(validUser, "role", 42), 400, null),
                Arguments.of("unknown role", "POST", user, withField(validUser, "role", "OWNER"), 400, null),
                Arguments.of("number where a string belongs", "POST", groups, "{\"name\": 12}", 400, "string"),
                // Regression: "yes" was coerced to false and disabled the user.
                Arguments.of("wrong type for enabled", "PATCH", user + "/" + t.agentId(), "{\"enabled\": \"yes\"}", 400, null),
                Arguments.of("wrong type for ringGroupIds", "POST", touchpoints, "{\"address\":\"a@bad-input.example.com\","
                        + "\"displayName\":\"S\",\"connector\":\"imap\",\"direction\":\"BOTH\",\"ringGroupIds\":\"all\"}", 400, null),
                Arguments.of("not an email", "POST", user, withField(validUser, "email", "not-an-email"), 400, "email"),
                Arguments.of("email without domain dot", "POST", user, withField(validUser, "email", "a@b"), 400, "email"),
                Arguments.of("email with CRLF", "POST", user, withField(validUser, "email", "x\r\nBcc: all@evil.example@y.com"), 400, "email"),
                Arguments.of("CRLF in a display name", "POST", groups, "{\"name\": \"Line\\r\\nBcc: x@evil.example\"}", 400, "control"),
                Arguments.of("short password", "POST", user, withField(validUser, "password", "short"), 400, "password"),
                Arguments.of("missing fields", "POST", user, "{}", 400, null),
                Arguments.of("unknown connector", "POST", touchpoints, "{\"address\":\"a@bad-input.example.com\",\"displayName\":\"S\","
                        + "\"connector\":\"exchange-ews\",\"direction\":\"BOTH\"}", 400, "connector"),
                Arguments.of("secret in settings", "POST", touchpoints, "{\"address\":\"a@bad-input.example.com\",\"displayName\":\"S\","
                        + "\"connector\":\"imap\",\"direction\":\"BOTH\",\"settings\":{\"smtpPassword\":\"x\"}}", 400, "credential"),
                Arguments.of("ring group of nobody", "POST", touchpoints, "{\"address\":\"a@bad-input.example.com\",\"displayName\":\"S\","
                        + "\"connector\":\"imap\",\"direction\":\"BOTH\",\"ringGroupIds\":[\"" + java.util.UUID.randomUUID() + "\"],"
                        + "\"settings\":" + json(TenantFixture.imapSettings("bad-input")) + "}", 400, "ringGroupIds"),
                Arguments.of("not a UUID in the path", "GET", user + "/not-a-uuid", null, 400, null),
                Arguments.of("duplicate user email", "POST", user, withField(validUser, "email", "AGENT@bad-input.example.com"), 409, "already exists"),
                Arguments.of("duplicate ring group name", "POST", groups, "{\"name\": \"queue " + t.marker() + "\"}", 409, "already exists"),
                Arguments.of("duplicate touchpoint name", "POST", touchpoints, "{\"address\":\"b@bad-input.example.com\","
                        + "\"displayName\":\"SUPPORT " + t.marker() + "\",\"connector\":\"imap\",\"direction\":\"BOTH\","
                        + "\"settings\":" + json(TenantFixture.imapSettings("bad-input")) + "}", 409, "already exists"),
                Arguments.of("connector settings missing a host", "POST", touchpoints, "{\"address\":\"c@bad-input.example.com\","
                        + "\"displayName\":\"No host\",\"connector\":\"imap\",\"direction\":\"BOTH\",\"settings\":{\"preset\":\"custom\"}}",
                        400, "settings.imapHost"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputGetsAProblemAndChangesNothing(String name, String method, String path, String body, int status, String mentions) {
        Map<String, String> before = snapshot();
        var response = http.send(method, path, t.admin(), body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertProblem(response, mentions);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anOversizedBodyIsRejectedWith413() {
        Map<String, String> before = snapshot();
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        var response = http.post("/api/v1/ring-groups", t.admin(), huge);
        assertThat(response.status()).isEqualTo(413);
        assertProblem(response, null);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aNonJsonContentTypeIsRejectedWith415() {
        var response = http.send("POST", "/api/v1/ring-groups", t.admin(), null);
        assertThat(response.status()).isBetween(400, 415);
        assertProblem(response, null);
    }

    @Test
    void duplicateTenantSlugIsAConflict() {
        Auth operator = Auth.bearer(http.login(null, OPERATOR_EMAIL, OPERATOR_PASSWORD));
        var response = http.post("/api/v1/operator/tenants", operator, Map.of("slug", "bad-input", "name", "Again",
                "admin", Map.of("email", "x@again.example.com", "displayName", "X", "role", "ADMIN", "password", "a-good-password")));
        assertThat(response.status()).isEqualTo(409);
        assertProblem(response, "slug");
        var badSlug = http.post("/api/v1/operator/tenants", operator, Map.of("slug", "Not A Slug!", "name", "X",
                "admin", Map.of("email", "x@again.example.com", "displayName", "X", "role", "ADMIN", "password", "a-good-password")));
        assertThat(badSlug.status()).isEqualTo(400);
        assertThat(http.get("/api/v1/operator/tenants", operator).list()).extracting(m -> m.get("slug")).containsExactly("bad-input");
    }

    @Test
    void allInvalidFieldsAreListedAtOnce() {
        var response = http.post("/api/v1/users", t.admin(), Map.of("email", "nope", "displayName", "", "role", "AGENT", "password", "x"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.map().get("errors").toString()).contains("email").contains("displayName").contains("password");
    }

    private void assertProblem(Http.Response response, String mentions) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        Map<String, Object> problem = response.map();
        assertThat(problem.get("status")).isEqualTo(response.status());
        assertThat(problem.get("detail").toString()).isNotBlank();
        if (mentions != null) {
            assertThat(response.body()).containsIgnoringCase(mentions);
        }
    }

    private Map<String, String> snapshot() {
        return Map.of(
                "users", http.get("/api/v1/users", t.admin()).body(),
                "groups", http.get("/api/v1/ring-groups", t.admin()).body(),
                "touchpoints", http.get("/api/v1/touchpoints", t.admin()).body(),
                "keys", http.get("/api/v1/api-keys", t.admin()).body());
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String withField(Map<String, Object> base, String field, Object value) {
        var copy = new java.util.HashMap<>(base);
        copy.put(field, value);
        try {
            return json.writeValueAsString(copy);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
