package dev.postline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The content and team pages' HTTP contract: every new form refuses a post without its CSRF
 * token and changes nothing; a signed-in non-admin gets 403 on every page and form; the preview
 * document carries its own script-free policy and may be framed by our pages only.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminContentPagesHttpTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "contenthttp");
    }

    /** Every new form, with fields that would change something if accepted. */
    private Map<String, Map<String, String>> forms() {
        String tp = "/admin/touchpoints/" + t.touchpointId();
        return Map.of(
                tp + "/signature", Map.of("html", "<p>Forged " + t.marker() + "</p>", "active", "true"),
                tp + "/template", Map.of("headerHtml", "<p>Forged</p>", "footerHtml", ""),
                tp + "/auto-reply", Map.of("text", "Forged", "active", "true", "perSenderHours", "3"),
                tp + "/contact-card", Map.of("enabled", "true", "fullName", "Forged"),
                "/admin/standard-responses", Map.of("name", "Forged", "text", "Forged"),
                "/admin/ring-groups", Map.of("name", "Forged", "description", ""),
                "/admin/ring-groups/" + t.ringGroupId(), Map.of("name", "Forged", "description", ""),
                "/admin/users", Map.of("email", "forged@contenthttp.example.com", "displayName", "Forged", "role", "ADMIN",
                        "password", "forged-password-1"),
                "/admin/users/" + t.agentId(), Map.of("displayName", "Forged", "role", "ADMIN", "enabled", "true"));
    }

    @Test
    void everyNewFormRefusesAPostWithoutItsTokenAndChangesNothing() {
        Map<String, String> before = snapshot();
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("contenthttp", "admin@contenthttp.example.com", TenantFixture.PASSWORD);
        for (var form : forms().entrySet()) {
            assertThat(browser.post(form.getKey(), form.getValue()).statusCode()).as("no token: " + form.getKey()).isEqualTo(403);
            var forged = new java.util.HashMap<>(form.getValue());
            forged.put("_csrf", "forged");
            assertThat(browser.post(form.getKey(), forged).statusCode()).as("forged token: " + form.getKey()).isEqualTo(403);
        }
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);

        // The same form with the page's token is accepted (so the 403s above were about the token).
        var page = browser.get("/admin/ring-groups/" + t.ringGroupId());
        assertThat(page.statusCode()).isEqualTo(200);
        var accepted = browser.post("/admin/ring-groups/" + t.ringGroupId(),
                Map.of("_csrf", FormClient.token(page), "name", "Queue " + t.marker(), "description", "Renamed " + t.marker()));
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(http.get("/api/v1/ring-groups/" + t.ringGroupId(), t.admin()).string("description")).isEqualTo("Renamed " + t.marker());
    }

    @Test
    void aSignedInAgentGetsForbiddenOnEveryPageAndForm() {
        Map<String, String> before = snapshot();
        FormClient agent = new FormClient(server.getURI());
        agent.signIn("contenthttp", "agent@contenthttp.example.com", TenantFixture.PASSWORD);
        String tp = "/admin/touchpoints/" + t.touchpointId();
        for (String path : List.of(tp + "/signature", tp + "/signature/preview", tp + "/template", tp + "/template/preview",
                tp + "/auto-reply", tp + "/auto-reply/preview", tp + "/contact-card", "/admin/standard-responses", "/admin/ring-groups",
                "/admin/ring-groups/" + t.ringGroupId(), "/admin/users", "/admin/users/" + t.agentId())) {
            var page = agent.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(403);
            assertThat(page.body()).as(path).doesNotContain(t.marker());
        }
        // Even with a valid token of the agent's own session (from the 403 page's sign-out form).
        String token = FormClient.token(agent.get("/admin/ring-groups"));
        for (var form : forms().entrySet()) {
            var fields = new java.util.HashMap<>(form.getValue());
            fields.put("_csrf", token);
            assertThat(agent.post(form.getKey(), fields).statusCode()).as(form.getKey()).isEqualTo(403);
        }
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void thePreviewIsAScriptFreeDocumentOnlyOurPagesMayFrame() {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("contenthttp", "admin@contenthttp.example.com", TenantFixture.PASSWORD);
        var preview = browser.get("/admin/touchpoints/" + t.touchpointId() + "/signature/preview");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; img-src data: https:; "
                + "style-src 'unsafe-inline'; frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox");
        assertThat(preview.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(preview.body()).contains("Hello Jane Doe");

        var editor = browser.get("/admin/touchpoints/" + t.touchpointId() + "/signature");
        assertThat(editor.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).startsWith("default-src 'self'; script-src 'self';").contains("frame-ancestors 'none'"));
        assertThat(editor.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(editor.body()).doesNotContain("<script>").doesNotContain(" style=");

        var draft = browser.post("/admin/touchpoints/" + t.touchpointId() + "/signature/preview", Map.of("_csrf", FormClient.token(editor),
                "html", "<p>Draft</p><img src=x onerror=alert(1)><script>alert(2)</script>{{agent.name}}"));
        assertThat(draft.statusCode()).isEqualTo(200);
        assertThat(draft.body()).contains("Draft").contains("Admin " + t.marker()).doesNotContain("onerror").doesNotContain("alert(2)");

        var autoReplyEditor = browser.get("/admin/touchpoints/" + t.touchpointId() + "/auto-reply");
        assertThat(autoReplyEditor.body()).as("the variables palette").contains("data-insert-variable=\"ticket.number\"");
        var autoReply = browser.post("/admin/touchpoints/" + t.touchpointId() + "/auto-reply/preview", Map.of("_csrf",
                FormClient.token(autoReplyEditor), "html", "<p>Dear {{customer.name}}, ticket {{ticket.number}}</p><script>alert(3)</script>"));
        assertThat(autoReply.body()).contains("Dear Jane Doe, ticket 1234").doesNotContain("{{").doesNotContain("alert(3)");
    }

    /** Tenant data the forms would change; an unsaved signature or template reports "now" as updatedAt, so that is left out. */
    private Map<String, String> snapshot() {
        String tp = "/api/v1/touchpoints/" + t.touchpointId();
        return Map.of(
                "signature", withoutUpdatedAt(http.get(tp + "/signature", t.admin()).body()),
                "template", withoutUpdatedAt(http.get(tp + "/template", t.admin()).body()),
                "autoReply", http.get(tp + "/auto-reply", t.admin()).body(),
                "card", http.get(tp + "/contact-card", t.admin()).body(),
                "responses", http.get("/api/v1/standard-responses", t.admin()).body(),
                "groups", http.get("/api/v1/ring-groups", t.admin()).body(),
                "users", http.get("/api/v1/users", t.admin()).body());
    }

    private static String withoutUpdatedAt(String json) {
        return json.replaceAll("\"updatedAt\":\"[^\"]*\"", "");
    }
}
