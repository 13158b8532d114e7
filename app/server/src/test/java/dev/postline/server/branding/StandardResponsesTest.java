package dev.postline.server.branding;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.server.support.ConversationFixture;
import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Standard responses: managed by admins and supervisors, listed and inserted by agents with variables filled. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandardResponsesTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    TenantFixture t;
    ConversationFixture mail;
    Auth supervisor;
    String otherTouchpointId;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "canned");
        mail = ConversationFixture.create(http, pipeline, t);
        expect(http.post("/api/v1/users", t.admin(), Map.of("email", "sup@canned.example.com", "displayName", "Sue Supervisor",
                "role", "SUPERVISOR", "password", TenantFixture.PASSWORD)), 201);
        supervisor = Auth.bearer(http.login("canned", "sup@canned.example.com", TenantFixture.PASSWORD));
        otherTouchpointId = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "sales@canned.example.com",
                "displayName", "Sales", "connector", "imap", "direction", "BOTH",
                "settings", TenantFixture.imapSettings("canned"))), 201).string("id");
    }

    private Http.Response create(Auth who, String name, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("name", name);
        return http.post("/api/v1/standard-responses", who, body);
    }

    @Test
    void theAgentSeesTenantWideAndItsTouchpointsResponsesMarkedByScope() {
        String wide = expect(create(t.admin(), "Thanks (wide)", Map.of("text", "Thank you!")), 201).string("id");
        String own = expect(create(supervisor, "Refund (own touchpoint)", Map.of("html", "<p>Refund</p>",
                "touchpointId", t.touchpointId())), 201).string("id");
        String other = expect(create(t.admin(), "Sales pitch (other touchpoint)", Map.of("text", "Buy more",
                "touchpointId", otherTouchpointId)), 201).string("id");

        List<Map<String, Object>> listed = expect(http.get("/api/v1/conversations/" + mail.conversationId()
                + "/standard-responses", t.agent()), 200).list();
        assertThat(listed).extracting(r -> r.get("id")).contains(wide, own).doesNotContain(other);
        assertThat(listed).filteredOn(r -> r.get("id").equals(wide)).singleElement().satisfies(r -> assertThat(r).containsEntry("scope", "TENANT"));
        assertThat(listed).filteredOn(r -> r.get("id").equals(own)).singleElement().satisfies(r -> assertThat(r).containsEntry("scope", "TOUCHPOINT"));

        assertThat(expect(http.get("/api/v1/standard-responses?touchpointId=" + otherTouchpointId, t.admin()), 200).list())
                .extracting(r -> r.get("id")).contains(wide, other).doesNotContain(own);
        // A response of another touchpoint cannot be rendered into this conversation.
        assertThat(http.post("/api/v1/conversations/" + mail.conversationId() + "/standard-responses/" + other + "/render",
                t.agent(), null).status()).isEqualTo(404);
    }

    @Test
    void insertingFillsTheVariablesForTheConversationAndTheCallingAgent() {
        String id = expect(create(t.admin(), "Greeting", Map.of(
                "text", "Hi {{ customer.name }}, {{agent.name}} here about ticket {{ticket.number}} ({{conversation.id}}).",
                "html", "<p>Hi {{customer.name}}, <b>{{agent.name}}</b> from {{touchpoint.name}} &lt;{{touchpoint.address}}&gt;</p>")), 201)
                .string("id");
        Map<String, Object> detail = expect(http.get("/api/v1/conversations/" + mail.conversationId(), t.admin()), 200).map();
        @SuppressWarnings("unchecked")
        Object number = ((Map<String, Object>) detail.get("conversation")).get("number");

        var rendered = expect(http.post("/api/v1/conversations/" + mail.conversationId() + "/standard-responses/" + id + "/render",
                t.agent(), null), 200).map();
        assertThat(rendered.get("text")).isEqualTo("Hi Customer " + t.marker() + ", Agent " + t.marker() + " here about ticket "
                + number + " (" + mail.conversationId() + ").");
        assertThat(rendered.get("html")).isEqualTo("<p>Hi Customer " + t.marker() + ", <b>Agent " + t.marker() + "</b> from Support "
                + t.marker() + " &lt;support@canned.example.com&gt;</p>");
    }

    @Test
    void customerValuesAreEscapedInHtmlAndATextOnlyResponseGetsAnHtmlForm() {
        String id = expect(create(t.admin(), "Plain", Map.of("text", "Dear {{customer.name}},\nsee below.")), 201).string("id");
        var rendered = expect(http.post("/api/v1/conversations/" + mail.conversationId() + "/standard-responses/" + id + "/render",
                t.admin(), null), 200).map();
        assertThat(rendered.get("html")).isEqualTo("Dear Customer " + t.marker() + ",<br>see below.");
        // The sanitised HTML body loses the script; variables inside it stay variables.
        String xss = expect(create(t.admin(), "Hostile", Map.of("html",
                "<p onclick=\"alert(1)\">{{customer.name}}<script>alert(2)</script><a href=\"javascript:alert(3)\">x</a></p>")), 201)
                .string("html");
        assertThat(xss).isEqualTo("<p>{{customer.name}}x</p>");
    }

    @Test
    void anUnknownVariableIsRefusedAtSaveTimeAndNothingIsSaved() {
        String before = http.get("/api/v1/standard-responses", t.admin()).body();
        var response = create(t.admin(), "Broken", Map.of("text", "Hi {{customer.firstname}}", "html", "<p>{{ agent.phone }}</p>"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.map().get("errors").toString()).contains("field=text").contains("{{customer.firstname}}")
                .contains("field=html").contains("{{agent.phone}}");
        assertThat(http.get("/api/v1/standard-responses", t.admin()).body()).isEqualTo(before);

        String id = expect(create(t.admin(), "Fine", Map.of("text", "ok")), 201).string("id");
        assertThat(http.patch("/api/v1/standard-responses/" + id, t.admin(), Map.of("text", "{{nope}}")).status()).isEqualTo(400);
        assertThat(expect(http.get("/api/v1/standard-responses/" + id, t.admin()), 200).string("text")).isEqualTo("ok");
    }

    @Test
    void namesAreUniquePerScope() {
        expect(create(t.admin(), "Closing", Map.of("text", "Bye")), 201);
        assertThat(create(t.admin(), "closing", Map.of("text", "Bye again")).status()).isEqualTo(409);
        expect(create(t.admin(), "Closing", Map.of("text", "Bye from here", "touchpointId", t.touchpointId())), 201);
        assertThat(create(t.admin(), "Closing", Map.of("text", "Twice", "touchpointId", t.touchpointId())).status()).isEqualTo(409);
    }

    @Test
    void supervisorsManageAgentsOnlyUseAndAgentsSeeOnlyTheirConversations() {
        String id = expect(create(supervisor, "By supervisor", Map.of("text", "x")), 201).string("id");
        expect(http.patch("/api/v1/standard-responses/" + id, supervisor, Map.of("name", "Renamed")), 200);
        assertThat(create(t.agent(), "By agent", Map.of("text", "x")).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/standard-responses", t.agent()).status()).isEqualTo(403);

        expect(http.post("/api/v1/users", t.admin(), Map.of("email", "outsider@canned.example.com", "displayName", "Outsider",
                "role", "AGENT", "password", TenantFixture.PASSWORD)), 201);
        Auth outsider = Auth.bearer(http.login("canned", "outsider@canned.example.com", TenantFixture.PASSWORD));
        assertThat(http.get("/api/v1/conversations/" + mail.conversationId() + "/standard-responses", outsider).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/conversations/" + mail.conversationId() + "/standard-responses/" + id + "/render", outsider, null)
                .status()).isEqualTo(404);

        expect(http.delete("/api/v1/standard-responses/" + id, supervisor), 204);
        assertThat(http.get("/api/v1/standard-responses/" + id, t.admin()).status()).isEqualTo(404);
    }

    @Test
    void aResponseNeedsABodyAndAnExistingTouchpoint() {
        assertThat(create(t.admin(), "Empty", Map.of()).status()).isEqualTo(400);
        var response = create(t.admin(), "Nowhere", Map.of("text", "x", "touchpointId", "00000000-0000-4000-8000-000000000001"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("touchpointId");
    }
}
