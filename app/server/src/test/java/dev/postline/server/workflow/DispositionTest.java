package dev.postline.server.workflow;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.ConversationFixture;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dispositions: the tenant list, a touchpoint's own list, and closing with one (required where the touchpoint says so). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispositionTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    TenantFixture t;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "dispo");
    }

    @Test
    void adminsManageTheTenantListAndOthersOnlyReadIt() {
        String id = expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Resolved")), 201).string("id");
        assertThat(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "resolved")).status()).as("same name").isEqualTo(409);
        assertThat(http.post("/api/v1/dispositions", t.agent(), Map.of("name", "Agent's own")).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Bad\r\nname")).body()).contains("name");
        assertThat(http.get("/api/v1/dispositions", t.agent()).body()).contains("Resolved");
        var renamed = expect(http.patch("/api/v1/dispositions/" + id, t.admin(), Map.of("name", "Solved", "active", false)), 200).map();
        assertThat(renamed).containsEntry("name", "Solved").containsEntry("active", false);
        assertThat(http.patch("/api/v1/dispositions/" + id, t.agent(), Map.of("name", "x")).status()).isEqualTo(403);
        expect(http.delete("/api/v1/dispositions/" + id, t.admin()), 204);
        assertThat(http.get("/api/v1/dispositions/" + id, t.admin()).status()).isEqualTo(404);
    }

    @Test
    void closingNeedsADispositionFromTheEffectiveListWhenTheTouchpointRequiresOne() {
        String resolved = expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Fixed")), 201).string("id");
        String refund = expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Refund issued")), 201).string("id");
        String retired = expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Retired", "active", false)), 201).string("id");
        String conversation = ConversationFixture.create(http, pipeline, t).conversationId();
        assertThat(http.patch("/api/v1/touchpoints/" + t.touchpointId(), t.admin(),
                Map.of("settings", Map.of("dispositionRequired", "maybe"))).body()).contains("settings.dispositionRequired");
        expect(http.patch("/api/v1/touchpoints/" + t.touchpointId(), t.admin(), Map.of("settings",
                withImap(Map.of("dispositionRequired", "true")))), 200);

        var missing = http.post("/api/v1/conversations/" + conversation + "/close", t.agent(), Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("dispositionId").contains("requires a disposition");
        assertThat(http.post("/api/v1/conversations/" + conversation + "/close", t.agent(), Map.of("dispositionId", retired)).status())
                .as("inactive").isEqualTo(400);
        assertThat(summary(conversation)).containsEntry("status", "OPEN");

        assertThat(ids(http.get("/api/v1/conversations/" + conversation + "/dispositions", t.agent()).list()))
                .contains(resolved, refund).doesNotContain(retired);
        expect(http.put("/api/v1/touchpoints/" + t.touchpointId() + "/dispositions", t.admin(), Map.of("dispositionIds", List.of(refund))), 200);
        assertThat(http.put("/api/v1/touchpoints/" + t.touchpointId() + "/dispositions", t.agent(),
                Map.of("dispositionIds", List.of(refund))).status()).isEqualTo(403);
        assertThat(ids(http.get("/api/v1/conversations/" + conversation + "/dispositions", t.agent()).list())).containsExactly(refund);
        assertThat(http.post("/api/v1/conversations/" + conversation + "/close", t.agent(), Map.of("dispositionId", resolved)).status())
                .as("not offered on this touchpoint").isEqualTo(400);

        var closed = expect(http.post("/api/v1/conversations/" + conversation + "/close", t.agent(), Map.of("dispositionId", refund)), 200).map();
        assertThat(closed).containsEntry("status", "CLOSED").containsEntry("dispositionId", refund);
        assertThat(summary(conversation)).containsEntry("dispositionId", refund);
        assertThat(http.delete("/api/v1/dispositions/" + refund, t.admin()).status()).as("in use").isEqualTo(409);

        expect(http.put("/api/v1/touchpoints/" + t.touchpointId() + "/dispositions", t.admin(), Map.of("dispositionIds", List.of())), 200);
        assertThat(ids(http.get("/api/v1/conversations/" + conversation + "/dispositions", t.agent()).list()))
                .as("an empty own list inherits the tenant list").contains(resolved, refund);
        expect(http.patch("/api/v1/touchpoints/" + t.touchpointId(), t.admin(), Map.of("settings", withImap(Map.of()))), 200);
        expect(http.post("/api/v1/conversations/" + conversation + "/reopen", t.agent(), Map.of()), 200);
        assertThat(http.post("/api/v1/conversations/" + conversation + "/close", t.agent(), Map.of()).status())
                .as("not required any more").isEqualTo(200);
    }

    /**
     * #13 item 9: however a closed conversation is reopened — by an agent, by the customer's follow-up,
     * by an agent's reply — it no longer carries the disposition of its closing; the closing history
     * keeps every closing with its own disposition.
     */
    @ParameterizedTest(name = "reopened by {0}")
    @ValueSource(strings = {"an agent", "the customer's follow-up", "an agent's reply"})
    void aReopenedConversationCarriesNoDispositionAndTheHistoryKeepsEachClosing(String how) {
        String solved = expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Solved by " + how)), 201).string("id");
        String escalated = expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Escalated by " + how)), 201).string("id");
        String first = UUID.randomUUID().toString();
        String conversation = ingest(first, null);
        expect(http.post(path(conversation, "close"), t.agent(), Map.of("dispositionId", solved)), 200);
        assertThat(summary(conversation)).containsEntry("dispositionId", solved);

        switch (how) {
            case "an agent" -> expect(http.post(path(conversation, "reopen"), t.agent(), Map.of()), 200);
            case "the customer's follow-up" -> assertThat(ingest(UUID.randomUUID().toString(), first)).isEqualTo(conversation);
            default -> expect(http.post(path(conversation, "reply"), t.agent(), Map.of("text", "One more thing")), 202);
        }
        assertThat(summary(conversation)).containsEntry("status", "OPEN").containsEntry("dispositionId", null);
        assertThat(http.post(path(conversation, "reopen"), t.agent(), Map.of()).status()).as("open already").isEqualTo(409);

        expect(http.post(path(conversation, "close"), t.agent(), Map.of("dispositionId", escalated)), 200);
        assertThat(http.post(path(conversation, "close"), t.agent(), Map.of()).status()).as("closed already").isEqualTo(409);
        List<Map<String, Object>> closings = expect(http.get(path(conversation, "closings"), t.agent()), 200).list();
        assertThat(closings).extracting(c -> c.get("dispositionId")).containsExactly(solved, escalated);
        assertThat(closings).extracting(c -> c.get("dispositionName")).containsExactly("Solved by " + how, "Escalated by " + how);
        assertThat(closings).extracting(c -> c.get("closedByUserId")).containsExactly(t.agentId(), t.agentId());
        assertThat(http.delete("/api/v1/dispositions/" + solved, t.admin()).status()).as("a closing in the history uses it").isEqualTo(409);
    }

    private String ingest(String id, String inReplyTo) {
        String raw = "From: Customer <c-" + (inReplyTo == null ? id : inReplyTo) + "@customer.example>\r\nTo: support@dispo.example.com\r\n"
                + "Subject: Question " + id + "\r\nMessage-ID: <" + id + "@customer.example>\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + "@customer.example>\r\n") + "\r\nHello\r\n";
        return pipeline.ingest(TenantId.parse(t.tenantId()), UUID.fromString(t.touchpointId()),
                new InboundMail(id, raw.getBytes(StandardCharsets.US_ASCII), null)).conversationId().toString();
    }

    private static String path(String conversation, String action) {
        return "/api/v1/conversations/" + conversation + "/" + action;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> summary(String conversation) {
        return (Map<String, Object>) http.get("/api/v1/conversations/" + conversation, t.agent()).map().get("conversation");
    }

    private static List<String> ids(List<Map<String, Object>> list) {
        return list.stream().map(m -> m.get("id").toString()).toList();
    }

    private Map<String, String> withImap(Map<String, String> extra) {
        var all = new java.util.HashMap<>(TenantFixture.imapSettings(t.slug()));
        all.putAll(extra);
        return all;
    }
}
