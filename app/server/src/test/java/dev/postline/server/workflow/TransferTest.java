package dev.postline.server.workflow;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.MutableClock;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Transfers: to another queue at once; to an agent as an offer they accept or decline, which returns
 * by itself when not accepted within the touchpoint's transferAcceptSeconds (the clock is moved, not waited for).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;
    @Inject MutableClock clock;
    @Inject EventBus events;

    Http http;
    TenantFixture t;
    String otherGroup;
    String colleagueId;
    Auth colleague;
    String disabledId;
    final List<ConversationEvent> seen = new CopyOnWriteArrayList<>();
    AutoCloseable subscription;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("test.mutable-clock", "true", "postline.transfer.sweep-interval", "200ms");
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "transfer");
        otherGroup = expect(http.post("/api/v1/ring-groups", t.admin(), Map.of("name", "Billing")), 201).string("id");
        colleagueId = expect(http.post("/api/v1/users", t.admin(), Map.of("email", "colleague@transfer.example.com",
                "displayName", "Colleague", "role", "AGENT", "password", TenantFixture.PASSWORD)), 201).string("id");
        expect(http.put("/api/v1/ring-groups/" + otherGroup + "/members/" + colleagueId, t.admin(), null), 204);
        colleague = Auth.bearer(http.login("transfer", "colleague@transfer.example.com", TenantFixture.PASSWORD));
        disabledId = expect(http.post("/api/v1/users", t.admin(), Map.of("email", "gone@transfer.example.com",
                "displayName", "Gone", "role", "AGENT", "password", TenantFixture.PASSWORD)), 201).string("id");
        expect(http.patch("/api/v1/users/" + disabledId, t.admin(), Map.of("enabled", false)), 200);
        subscription = events.subscribe(seen::add);
    }

    @AfterAll
    void unsubscribe() throws Exception {
        subscription.close();
    }

    @Test
    void aTransferToAQueueMovesItThereUnassigned() {
        String conversation = claimedByAgent();
        var moved = expect(http.post(transfer(conversation), t.agent(), Map.of("ringGroupId", otherGroup)), 200).map();
        assertThat(moved.get("assignedUserId")).isNull();
        assertThat(detail(conversation, colleague).get("queue")).isEqualTo(List.of(otherGroup));
        assertThat(http.get("/api/v1/conversations/" + conversation, t.agent()).status()).as("no longer in the agent's queue").isEqualTo(404);
        assertThat(notes(conversation)).contains("Transferred to the queue Billing");
        assertThat(typesOf(conversation)).contains(ConversationEvent.Type.TRANSFERRED);
    }

    @Test
    void onlyTheAssignedAgentASupervisorOrAnAdminMayTransfer() {
        String conversation = newConversation();
        assertThat(http.post(transfer(conversation), t.agent(), Map.of("ringGroupId", otherGroup)).status())
                .as("an agent who sees it but is not assigned").isEqualTo(403);
        assertThat(http.post(transfer(conversation), t.admin(), Map.of("userId", disabledId)).body()).contains("userId");
        assertThat(http.post(transfer(conversation), t.admin(), Map.of("ringGroupId", otherGroup, "userId", colleagueId)).status())
                .isEqualTo(400);
        assertThat(http.post(transfer(conversation), t.admin(), Map.of()).status()).isEqualTo(400);
        assertThat(detail(conversation, t.admin()).get("queue")).isEqualTo(List.of(t.ringGroupId()));
    }

    @Test
    void anOfferedAgentSeesTheConversationAndKeepsItByAccepting() {
        String conversation = claimedByAgent();
        expect(http.post(transfer(conversation), t.agent(), Map.of("userId", colleagueId)), 200);
        assertThat(summary(conversation, colleague)).containsEntry("assignedUserId", colleagueId);
        @SuppressWarnings("unchecked")
        var pending = (Map<String, Object>) expect(http.get(transfer(conversation), colleague), 200).map().get("pending");
        assertThat(pending).containsEntry("targetUserId", colleagueId).containsEntry("status", "PENDING");
        assertThat(http.post(transfer(conversation) + "/accept", t.admin(), Map.of()).status()).as("not offered to the admin").isEqualTo(403);

        expect(http.post(transfer(conversation) + "/accept", colleague, Map.of()), 200);
        clock.advance(Duration.ofHours(1));
        assertThat(http.get(transfer(conversation), colleague).map()).containsEntry("pending", null);
        assertThat(summary(conversation, colleague)).containsEntry("assignedUserId", colleagueId);
        assertThat(http.post(transfer(conversation) + "/accept", colleague, Map.of()).status()).as("nothing waiting").isEqualTo(409);
        assertThat(typesOf(conversation)).contains(ConversationEvent.Type.TRANSFER_OFFERED, ConversationEvent.Type.TRANSFER_ACCEPTED);
    }

    @Test
    void aDeclinedOfferGoesBackToThePreviousAgentAndQueue() {
        String conversation = claimedByAgent();
        expect(http.post(transfer(conversation), t.agent(), Map.of("userId", colleagueId)), 200);
        var back = expect(http.post(transfer(conversation) + "/decline", colleague, Map.of()), 200).map();
        assertThat(back).containsEntry("assignedUserId", t.agentId());
        assertThat(detail(conversation, t.agent()).get("queue")).isEqualTo(List.of(t.ringGroupId()));
        assertThat(http.get("/api/v1/conversations/" + conversation, colleague).status()).isEqualTo(404);
        assertThat(notes(conversation)).contains("declined the transfer");
    }

    @Test
    void anOfferNotAcceptedInTimeReturnsWithAnInternalNote() {
        String conversation = claimedByAgent();
        expect(http.post(transfer(conversation), t.agent(), Map.of("userId", colleagueId)), 200);
        clock.advance(Duration.ofSeconds(100));
        assertThat(summary(conversation, colleague)).as("within the default 120 s").containsEntry("assignedUserId", colleagueId);

        clock.advance(Duration.ofSeconds(30));
        Eventually.await("the offer returned", Duration.ofSeconds(20),
                () -> t.agentId().equals(summary(conversation, t.agent()).get("assignedUserId")));
        assertThat(detail(conversation, t.agent()).get("queue")).isEqualTo(List.of(t.ringGroupId()));
        assertThat(notes(conversation)).contains("was not accepted in time").contains("assigned to Agent");
        assertThat(http.post(transfer(conversation) + "/accept", colleague, Map.of()).status()).as("too late").isEqualTo(404);
        assertThat(typesOf(conversation)).contains(ConversationEvent.Type.TRANSFER_EXPIRED);
    }

    @Test
    void anAgentCannotTakeAConversationAColleagueHoldsButAnAdminCanTakeItOver() {
        String members = "/api/v1/ring-groups/" + t.ringGroupId() + "/members/" + colleagueId;
        expect(http.put(members, t.admin(), null), 204);
        try {
            String conversation = claimedByAgent();
            String claim = "/api/v1/conversations/" + conversation + "/claim";
            var refused = http.post(claim, colleague, Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.string("detail")).contains("assigned to another agent");
            // Still the agent's: taking one's own again changes nothing.
            assertThat(expect(http.post(claim, t.agent(), Map.of()), 200).map().get("assignedUserId")).isEqualTo(t.agentId());
            var takenOver = expect(http.post(claim, t.admin(), Map.of()), 200).map();
            assertThat(takenOver.get("assignedUserId")).isEqualTo(t.adminId());
        } finally {
            expect(http.delete(members, t.admin()), 204);
        }
    }

    /** A new conversation in the fixture queue, taken by the fixture agent. */
    private String claimedByAgent() {
        String conversation = newConversation();
        expect(http.post("/api/v1/conversations/" + conversation + "/claim", t.agent(), Map.of()), 200);
        return conversation;
    }

    private String newConversation() {
        String id = java.util.UUID.randomUUID().toString();
        String raw = "From: Customer <c-" + id + "@customer.example>\r\nTo: support@transfer.example.com\r\nSubject: Question " + id
                + "\r\nMessage-ID: <" + id + "@customer.example>\r\n\r\nHello\r\n";
        return pipeline.ingest(TenantId.parse(t.tenantId()), UUID.fromString(t.touchpointId()),
                new InboundMail(id, raw.getBytes(StandardCharsets.US_ASCII), null)).conversationId().toString();
    }

    private static String transfer(String conversation) {
        return "/api/v1/conversations/" + conversation + "/transfer";
    }

    private Map<String, Object> detail(String conversation, Auth who) {
        return expect(http.get("/api/v1/conversations/" + conversation, who), 200).map();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> summary(String conversation, Auth who) {
        return (Map<String, Object>) detail(conversation, who).get("conversation");
    }

    private String notes(String conversation) {
        return http.get("/api/v1/conversations/" + conversation + "/notes", t.admin()).body();
    }

    private List<ConversationEvent.Type> typesOf(String conversation) {
        return seen.stream().filter(e -> e.conversationId().toString().equals(conversation)).map(ConversationEvent::type).toList();
    }
}
