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
 * The dispositions pages over the dispositions API: every form refuses a post without the
 * session's CSRF token and an agent's post; create, rename, deactivate and delete change what the
 * API reports; a delete the service refuses shows its explanation; a touchpoint's checkboxes
 * replace its own list and none checked makes it use the tenant's list again.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminDispositionPagesHttpTest implements PostlineTestProperties {

    static final String SLUG = "dispopages";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    TenantFixture t;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, SLUG);
    }

    @Test
    void anAdminCreatesRenamesDeactivatesAndDeletesADisposition() {
        FormClient admin = signedIn("admin");
        var page = admin.get("/admin/dispositions");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/admin/dispositions\" aria-current=\"page\"");
        String token = FormClient.token(page);

        var created = admin.post("/admin/dispositions", Map.of("_csrf", token, "name", "Callback <b>promised</b>"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String id = idOf("Callback <b>promised</b>");
        assertThat(admin.get("/admin/dispositions?done=created").body()).contains("Callback &lt;b&gt;promised&lt;/b&gt;")
                .doesNotContain("<b>promised");

        var duplicate = admin.post("/admin/dispositions", Map.of("_csrf", token, "name", "callback <B>PROMISED</B>"));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("a disposition with this name already exists");

        assertThat(admin.post("/admin/dispositions/" + id, Map.of("_csrf", token, "name", "Call back")).statusCode()).isEqualTo(303);
        assertThat(admin.post("/admin/dispositions/" + id + "/active", Map.of("_csrf", token, "active", "false")).statusCode())
                .isEqualTo(303);
        var after = expect(http.get("/api/v1/dispositions/" + id, t.admin()), 200).map();
        assertThat(after).containsEntry("name", "Call back").containsEntry("active", false);

        assertThat(admin.post("/admin/dispositions/" + id + "/delete", Map.of("_csrf", token)).statusCode()).isEqualTo(303);
        assertThat(http.get("/api/v1/dispositions/" + id, t.admin()).status()).isEqualTo(404);
    }

    @Test
    void deletingADispositionConversationsWereClosedWithIsRefusedWithTheServersExplanation() {
        String used = expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Refunded")), 201).string("id");
        String conversation = ConversationFixture.create(http, pipeline, t).conversationId();
        expect(http.post("/api/v1/conversations/" + conversation + "/close", t.agent(), Map.of("dispositionId", used)), 200);

        FormClient admin = signedIn("admin");
        String token = FormClient.token(admin.get("/admin/dispositions"));
        var refused = admin.post("/admin/dispositions/" + used + "/delete", Map.of("_csrf", token));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("“Refunded” was not deleted: conversations were closed with this disposition; "
                + "deactivate it instead.");
        assertThat(http.get("/api/v1/dispositions/" + used, t.admin()).status()).isEqualTo(200);
    }

    @Test
    void aTouchpointsCheckboxesReplaceItsOwnList_andNoneCheckedInheritsTheTenantsList() {
        String chat = expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Answered by chat")), 201).string("id");
        String mail = expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Answered by mail")), 201).string("id");
        FormClient admin = signedIn("admin");
        String path = "/admin/touchpoints/" + t.touchpointId() + "/dispositions";
        var page = admin.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Answered by chat").contains("offers all of the company’s");
        assertThat(admin.get("/admin/touchpoints/" + t.touchpointId()).body()).contains("href=\"" + path + "\"");
        String token = FormClient.token(page);

        var saved = admin.post(path, Map.of("_csrf", token, "dispositionIds", mail));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(ownList()).containsExactly(mail);
        assertThat(admin.get(path).body()).containsPattern("value=\"" + mail + "\"\\s+checked").contains("offers only the checked");

        assertThat(admin.post(path, Map.of("_csrf", token, "dispositionIds", "not-a-uuid")).statusCode()).isEqualTo(400);
        assertThat(ownList()).containsExactly(mail);

        assertThat(admin.post(path, Map.of("_csrf", token)).statusCode()).isEqualTo(303);
        assertThat(ownList()).isEmpty();
        assertThat(chat).isNotEqualTo(mail);
    }

    @Test
    void everyFormRefusesAPostWithoutTheToken_andAnAgentsPost() {
        String id = expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Kept as is")), 201).string("id");
        Map<String, Map<String, String>> forms = Map.of(
                "/admin/dispositions", Map.of("name", "Forged"),
                "/admin/dispositions/" + id, Map.of("name", "Forged"),
                "/admin/dispositions/" + id + "/active", Map.of("active", "false"),
                "/admin/dispositions/" + id + "/delete", Map.of(),
                "/admin/touchpoints/" + t.touchpointId() + "/dispositions", Map.of("dispositionIds", id));
        FormClient admin = signedIn("admin");
        for (var form : forms.entrySet()) {
            var refused = admin.post(form.getKey(), form.getValue());
            assertThat(refused.statusCode()).as(form.getKey()).isEqualTo(403);
            assertThat(refused.body()).as(form.getKey()).contains("Form expired");
        }
        FormClient agent = signedIn("agent");
        var forbidden = agent.get("/admin/dispositions");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        String agentsToken = FormClient.token(forbidden);
        for (var form : forms.entrySet()) {
            Map<String, String> fields = new java.util.HashMap<>(form.getValue());
            fields.put("_csrf", agentsToken);
            assertThat(agent.post(form.getKey(), fields).statusCode()).as(form.getKey()).isEqualTo(403);
        }
        var unchanged = expect(http.get("/api/v1/dispositions/" + id, t.admin()), 200).map();
        assertThat(unchanged).containsEntry("name", "Kept as is").containsEntry("active", true);
        assertThat(http.get("/api/v1/dispositions", t.admin()).body()).doesNotContain("Forged");
        assertThat(ownList()).doesNotContain(id);
    }

    @SuppressWarnings("unchecked")
    private List<String> ownList() {
        return (List<String>) expect(http.get("/api/v1/touchpoints/" + t.touchpointId() + "/dispositions", t.admin()), 200).map()
                .get("dispositionIds");
    }

    private String idOf(String name) {
        return expect(http.get("/api/v1/dispositions", t.admin()), 200).list().stream().filter(d -> name.equals(d.get("name")))
                .map(d -> d.get("id").toString()).findFirst().orElseThrow();
    }

    private FormClient signedIn(String who) {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn(SLUG, who + "@" + SLUG + ".example.com", TenantFixture.PASSWORD);
        return browser;
    }
}
