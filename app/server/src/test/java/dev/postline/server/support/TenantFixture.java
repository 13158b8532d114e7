package dev.postline.server.support;

import dev.postline.server.support.Http.Auth;
import java.util.List;
import java.util.Map;

/**
 * One tenant with one of everything, built through the public API as an operator and an admin
 * would: an admin, an agent, a ring group with the agent in it, a touchpoint linked to the group
 * with a password set, and a SUPERVISOR API key. {@code marker} is part of every name, so a
 * response can be searched for any trace of this tenant.
 */
public record TenantFixture(
        String slug,
        String marker,
        String tenantId,
        Auth admin,
        Auth agent,
        Auth apiKey,
        String adminId,
        String agentId,
        String ringGroupId,
        String touchpointId,
        String apiKeyId,
        String touchpointPassword) {

    public static final String PASSWORD = "fixture-password-1";

    public static TenantFixture create(Http http, String slug) {
        String operator = http.login(null, PostlineTestProperties.OPERATOR_EMAIL, PostlineTestProperties.OPERATOR_PASSWORD);
        String marker = "mk" + slug.replace("-", "");
        var created = http.post("/api/v1/operator/tenants", Auth.bearer(operator), Map.of(
                "slug", slug, "name", "Company " + marker,
                "admin", Map.of("email", "admin@" + slug + ".example.com", "displayName", "Admin " + marker,
                        "role", "ADMIN", "password", PASSWORD)));
        expect(created, 201);
        @SuppressWarnings("unchecked")
        String tenantId = ((Map<String, Object>) created.map().get("tenant")).get("id").toString();
        Auth admin = Auth.bearer(http.login(slug, "admin@" + slug + ".example.com", PASSWORD));
        String adminId = created.string("adminUserId");

        var agent = expect(http.post("/api/v1/users", admin, Map.of("email", "agent@" + slug + ".example.com",
                "displayName", "Agent " + marker, "role", "AGENT", "password", PASSWORD)), 201);
        var group = expect(http.post("/api/v1/ring-groups", admin, Map.of("name", "Queue " + marker,
                "description", "Desc " + marker)), 201);
        expect(http.put("/api/v1/ring-groups/" + group.string("id") + "/members/" + agent.string("id"), admin, null), 204);
        var touchpoint = expect(http.post("/api/v1/touchpoints", admin, Map.of(
                "address", "support@" + slug + ".example.com", "displayName", "Support " + marker,
                "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(group.string("id")),
                "settings", imapSettings(slug))), 201);
        String touchpointPassword = "tp-secret-" + marker + "-Zq9";
        expect(http.put("/api/v1/touchpoints/" + touchpoint.string("id") + "/credential", admin,
                Map.of("password", touchpointPassword)), 204);
        var key = expect(http.post("/api/v1/api-keys", admin, Map.of("name", "Portal " + marker, "role", "SUPERVISOR")), 201);
        @SuppressWarnings("unchecked")
        String apiKeyId = ((Map<String, Object>) key.map().get("apiKey")).get("id").toString();
        Auth agentAuth = Auth.bearer(http.login(slug, "agent@" + slug + ".example.com", PASSWORD));
        return new TenantFixture(slug, marker, tenantId, admin, agentAuth, Auth.apiKey(key.string("key")), adminId,
                agent.string("id"), group.string("id"), touchpoint.string("id"), apiKeyId, touchpointPassword);
    }

    /**
     * Valid IMAP settings for a mail server that does not exist (the tests that sync bring their own).
     * The user name is left out: it is then the touchpoint's address, so each touchpoint of a tenant
     * reads its own mailbox (the same mailbox twice is refused).
     */
    public static Map<String, String> imapSettings(String slug) {
        return Map.of("preset", "custom", "imapHost", "imap." + slug + ".example.com", "imapTls", "implicit",
                "smtpHost", "smtp." + slug + ".example.com", "smtpTls", "implicit");
    }

    /** Every id of this tenant, for checking that none shows up where it must not. */
    public List<String> ids() {
        return List.of(tenantId, adminId, agentId, ringGroupId, touchpointId, apiKeyId);
    }

    public static Http.Response expect(Http.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + " but got " + response);
        }
        return response;
    }
}
