package dev.postline.server.web;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.server.support.ConversationFixture;
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
 * The preview-permissions page of a touchpoint over the preview-roles API: linked from the
 * touchpoint's page, checkboxes that replace the roles (and the core then refuses an agent the
 * content), an unknown role refused with the service's message, a post without the session's CSRF
 * token or by a non-admin refused with nothing changed, another tenant's touchpoint not found.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPreviewPagesHttpTest implements PostlineTestProperties {

    static final String SLUG = "previewpages";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    TenantFixture t;
    String path;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, SLUG);
        path = "/admin/touchpoints/" + t.touchpointId() + "/preview";
    }

    @Test
    void theCheckboxesReplaceTheRolesThatMayPreview_andTheCoreEnforcesThem() {
        String conversation = ConversationFixture.create(http, pipeline, t).conversationId();
        FormClient admin = signedIn("admin");
        assertThat(admin.get("/admin/touchpoints/" + t.touchpointId()).body()).contains("href=\"" + path + "\"");
        var page = admin.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/admin/touchpoints\" aria-current=\"page\"")
                .contains("Every role may preview this touchpoint’s conversations (the default).")
                .contains("The agent a conversation is assigned to always reads it.")
                .containsPattern("value=\"AGENT\"[^>]*checked").containsPattern("value=\"SUPERVISOR\"[^>]*checked");
        String token = FormClient.token(page);

        var saved = admin.post(path, List.of(Map.entry("_csrf", token), Map.entry("roles", "ADMIN"), Map.entry("roles", "SUPERVISOR")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue(path + "?done=saved");
        assertThat(roles()).containsExactly("ADMIN", "SUPERVISOR");
        var after = admin.get(path + "?done=saved").body();
        assertThat(after).contains("The preview permissions were saved.").contains("Only the checked roles may preview")
                .containsPattern("value=\"SUPERVISOR\"[^>]*checked").doesNotContainPattern("value=\"AGENT\"[^>]*checked");
        assertThat(http.get("/api/v1/conversations/" + conversation, t.agent()).status()).as("the agent is refused the content").isEqualTo(403);
        assertThat(http.get("/api/v1/conversations", t.agent()).body()).as("but still sees it queued").contains(conversation);
        assertThat(admin.get("/admin/touchpoints/" + t.touchpointId()).body()).as("the detail page shows the setting")
                .containsPattern("id=\"preview-roles\"><span>Admins, supervisors</span>");

        assertThat(admin.post(path, List.of(Map.entry("_csrf", token))).statusCode()).isEqualTo(303);
        assertThat(roles()).isEmpty();
        assertThat(admin.get(path).body()).contains("No one may preview");
        assertThat(admin.get("/admin/touchpoints/" + t.touchpointId()).body()).contains("nobody (everyone claims a conversation to read it)");

        assertThat(admin.post(path, List.of(Map.entry("_csrf", token), Map.entry("roles", "ADMIN"), Map.entry("roles", "SUPERVISOR"),
                Map.entry("roles", "AGENT"))).statusCode()).isEqualTo(303);
        assertThat(roles()).containsExactly("ADMIN", "SUPERVISOR", "AGENT");
        assertThat(http.get("/api/v1/conversations/" + conversation, t.agent()).status()).isEqualTo(200);
    }

    @Test
    void anUnknownRoleIsRefusedWithTheServicesMessage_andNothingChanges() {
        FormClient admin = signedIn("admin");
        String token = FormClient.token(admin.get(path));
        var refused = admin.post(path, List.of(Map.entry("_csrf", token), Map.entry("roles", "AGENT"),
                Map.entry("roles", "<b>OPERATOR</b>")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("unknown role &#39;&lt;b&gt;OPERATOR&lt;/b&gt;&#39;; the roles are ADMIN, SUPERVISOR, AGENT")
                .doesNotContain("<b>OPERATOR");
        assertThat(roles()).containsExactly("ADMIN", "SUPERVISOR", "AGENT");
    }

    @Test
    void aPostWithoutTheTokenOrByANonAdminIsRefused_andAnotherTenantsTouchpointIsNotFound() {
        FormClient admin = signedIn("admin");
        var forged = admin.post(path, List.of(Map.entry("roles", "ADMIN")));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("Form expired");

        FormClient agent = signedIn("agent");
        var forbidden = agent.get(path);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(agent.post(path, List.of(Map.entry("_csrf", FormClient.token(forbidden)), Map.entry("roles", "AGENT"))).statusCode())
                .isEqualTo(403);
        expect(http.post("/api/v1/users", t.admin(), Map.of("email", "supervisor@" + SLUG + ".example.com", "displayName", "Supervisor",
                "role", "SUPERVISOR", "password", TenantFixture.PASSWORD)), 201);
        FormClient supervisor = signedIn("supervisor");
        var supervisorsPage = supervisor.get(path);
        assertThat(supervisorsPage.statusCode()).isEqualTo(403);
        assertThat(supervisor.post(path, List.of(Map.entry("_csrf", FormClient.token(supervisorsPage)), Map.entry("roles", "SUPERVISOR")))
                .statusCode()).isEqualTo(403);
        assertThat(roles()).containsExactly("ADMIN", "SUPERVISOR", "AGENT");

        TenantFixture other = TenantFixture.create(http, SLUG + "-other");
        FormClient otherAdmin = new FormClient(server.getURI());
        otherAdmin.signIn(other.slug(), "admin@" + other.slug() + ".example.com", TenantFixture.PASSWORD);
        var foreign = otherAdmin.get(path);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain(t.marker());
        String othersToken = FormClient.token(otherAdmin.get("/admin/touchpoints"));
        var foreignPost = otherAdmin.post(path, List.of(Map.entry("_csrf", othersToken), Map.entry("roles", "ADMIN")));
        assertThat(foreignPost.statusCode()).isEqualTo(404);
        assertThat(roles()).containsExactly("ADMIN", "SUPERVISOR", "AGENT");
    }

    @SuppressWarnings("unchecked")
    private List<String> roles() {
        return (List<String>) expect(http.get("/api/v1/touchpoints/" + t.touchpointId() + "/preview-roles", t.admin()), 200).map()
                .get("roles");
    }

    private FormClient signedIn(String who) {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn(SLUG, who + "@" + SLUG + ".example.com", TenantFixture.PASSWORD);
        return browser;
    }
}
