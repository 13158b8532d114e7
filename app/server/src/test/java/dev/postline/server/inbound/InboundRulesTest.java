package dev.postline.server.inbound;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.conversation.ConversationService;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.threading.ThreadTokens;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The threading and routing rules, message by message through the real pipeline and read back
 * through the agent API.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundRulesTest implements PostlineTestProperties {

    private static final AtomicInteger IDS = new AtomicInteger();

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;
    @Inject ThreadTokens tokens;
    @Inject ConversationService conversations;

    Http http;
    TenantFixture t;
    TenantId tenant;
    UUID touchpoint;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "rules");
        tenant = TenantId.parse(t.tenantId());
        touchpoint = UUID.fromString(t.touchpointId());
    }

    @Test
    void aConversationKeepsTheQueueItWasRoutedToWhenTheLinksChange() {
        String first = ingest("sticky@c.example", "Sticky", null).conversationId().toString();
        String otherGroup = expect(http.post("/api/v1/ring-groups", t.admin(), Map.of("name", "Later queue")), 201).string("id");
        expect(http.patch("/api/v1/touchpoints/" + t.touchpointId(), t.admin(), Map.of("ringGroupIds", List.of(otherGroup))), 200);
        try {
            String second = ingest("sticky2@c.example", "After the change", null).conversationId().toString();
            assertThat(http.get("/api/v1/conversations/" + first, t.agent()).status()).as("old conversation stays queued").isEqualTo(200);
            assertThat(http.get("/api/v1/conversations/" + second, t.agent()).status()).as("new one goes to the new queue").isEqualTo(404);
            assertThat(queueOf(first)).containsExactly(t.ringGroupId());
            assertThat(queueOf(second)).containsExactly(otherGroup);
        } finally {
            expect(http.patch("/api/v1/touchpoints/" + t.touchpointId(), t.admin(), Map.of("ringGroupIds", List.of(t.ringGroupId()))), 200);
        }
    }

    @Test
    void aFollowUpOnAnAssignedConversationWaitsForItsAgentThenReturnsToTheQueue() throws Exception {
        expect(http.patch("/api/v1/touchpoints/" + t.touchpointId(), t.admin(),
                Map.of("settings", settings(Map.of("waitForAssignedAgentSeconds", "1")))), 200);
        String id = ingest("assigned@c.example", "Assigned", "asg-1").conversationId().toString();
        expect(http.post("/api/v1/conversations/" + id + "/claim", t.agent(), Map.of()), 200);
        ingestReply("assigned@c.example", "Re: Assigned", "asg-2", "asg-1");
        assertThat(http.get("/api/v1/conversations/" + id, t.agent()).map().get("conversation").toString())
                .contains("assignedUserId=" + t.agentId());
        Thread.sleep(1_200); // the touchpoint's one-second wait passes without the agent taking it
        conversations.releaseOverdue(tenant);
        assertThat(http.get("/api/v1/conversations/" + id, t.agent()).map().get("conversation").toString()).contains("assignedUserId=null");
    }

    @Test
    void readingAFollowUpInTimeKeepsTheAssignment() throws Exception {
        expect(http.patch("/api/v1/touchpoints/" + t.touchpointId(), t.admin(),
                Map.of("settings", settings(Map.of("waitForAssignedAgentSeconds", "1")))), 200);
        String id = ingest("kept@c.example", "Kept", "kept-1").conversationId().toString();
        expect(http.post("/api/v1/conversations/" + id + "/claim", t.agent(), Map.of()), 200);
        ingestReply("kept@c.example", "Re: Kept", "kept-2", "kept-1");
        expect(http.post("/api/v1/conversations/" + id + "/read", t.agent(), Map.of()), 200);
        Thread.sleep(1_200);
        conversations.releaseOverdue(tenant);
        assertThat(http.get("/api/v1/conversations/" + id, t.agent()).map().get("conversation").toString())
                .contains("assignedUserId=" + t.agentId());
    }

    @Test
    void aFollowUpReopensAClosedConversationOrStartsANewOneWhenConfigured() {
        String id = ingest("closed@c.example", "Closed", "cl-1").conversationId().toString();
        expect(http.post("/api/v1/conversations/" + id + "/close", t.agent(), Map.of()), 200);
        assertThat(ingestReply("closed@c.example", "Re: Closed", "cl-2", "cl-1").conversationId().toString()).isEqualTo(id);
        assertThat(http.get("/api/v1/conversations/" + id, t.agent()).map().get("conversation").toString()).contains("status=OPEN");

        expect(http.post("/api/v1/conversations/" + id + "/close", t.agent(), Map.of()), 200);
        expect(http.patch("/api/v1/touchpoints/" + t.touchpointId(), t.admin(), Map.of("settings", settings(Map.of("followUpOnClosed", "new")))), 200);
        assertThat(ingestReply("closed@c.example", "Re: Closed", "cl-3", "cl-2").conversationId().toString()).isNotEqualTo(id);
        expect(http.patch("/api/v1/touchpoints/" + t.touchpointId(), t.admin(), Map.of("settings", settings(Map.of()))), 200);
    }

    @Test
    void aSubjectTokenThreadsMailWithoutHeaders() {
        var first = ingest("token@c.example", "Invoice", null);
        long number = Long.parseLong(http.get("/api/v1/conversations/" + first.conversationId(), t.agent()).map()
                .get("conversation").toString().replaceAll(".*number=(\\d+).*", "$1"));
        assertThat(ingest("token@c.example", "Re: Invoice [#" + number + "]", null).conversationId()).isEqualTo(first.conversationId());
    }

    @Test
    void ourSignedMessageIdThreadsAndAForgedOneDoesNot() {
        var original = ingest("signed@c.example", "Signed", null);
        String genuine = tokens.messageId(tenant, touchpoint, original.conversationId(), "rules.example.com");
        assertThat(ingestReply("signed@c.example", "Anything", null, genuine).conversationId()).isEqualTo(original.conversationId());
        String forged = genuine.replaceFirst("\\.[0-9a-f]{32}@", "." + "0".repeat(32) + "@");
        assertThat(ingestReply("signed@c.example", "Anything else", null, forged).conversationId()).isNotEqualTo(original.conversationId());
        TenantId otherTenant = TenantId.of(UUID.randomUUID());
        String foreign = tokens.messageId(otherTenant, touchpoint, original.conversationId(), "rules.example.com");
        assertThat(ingestReply("signed@c.example", "Foreign", null, foreign).conversationId()).isNotEqualTo(original.conversationId());
    }

    @Test
    void aBlocklistedSendersMailIsStoredButQueuedNowhere() {
        expect(http.post("/api/v1/touchpoints/" + t.touchpointId() + "/blocklist", t.admin(), Map.of("pattern", "@blocked.example")), 201);
        String id = ingest("spammer@blocked.example", "Buy now", null).conversationId().toString();
        assertThat(http.get("/api/v1/conversations/" + id, t.agent()).status()).as("not in any agent queue").isEqualTo(404);
        var blockedView = http.get("/api/v1/conversations?blocked=true", t.admin()).body();
        assertThat(blockedView).contains(id);
        assertThat(http.get("/api/v1/conversations", t.admin()).body()).as("default view").doesNotContain(id);
        assertThat(http.get("/api/v1/conversations/" + id, t.admin()).body()).contains("BLOCKED");
    }

    @Test
    void messageIdDedupeCanBeTurnedOffButTheProviderIdCheckStays() {
        TenantFixture own = TenantFixture.create(http, "dedupe");
        TenantId ownTenant = TenantId.parse(own.tenantId());
        UUID ownTouchpoint = UUID.fromString(own.touchpointId());
        byte[] raw = "From: again@c.example\r\nSubject: Again\r\nMessage-ID: <again@c.example>\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(pipeline.ingest(ownTenant, ownTouchpoint, new InboundMail("a-1", raw, null)).kind()).isEqualTo(IngestOutcome.Kind.STORED);
        assertThat(pipeline.ingest(ownTenant, ownTouchpoint, new InboundMail("a-2", raw, null)).kind()).isEqualTo(IngestOutcome.Kind.DUPLICATE);
        Map<String, String> settings = new java.util.HashMap<>(TenantFixture.imapSettings("dedupe"));
        settings.put("dedupeByMessageId", "false");
        expect(http.patch("/api/v1/touchpoints/" + own.touchpointId(), own.admin(), Map.of("settings", settings)), 200);
        assertThat(pipeline.ingest(ownTenant, ownTouchpoint, new InboundMail("a-3", raw, null)).kind()).isEqualTo(IngestOutcome.Kind.STORED);
        assertThat(pipeline.ingest(ownTenant, ownTouchpoint, new InboundMail("a-3", raw, null)).kind())
                .as("the same provider id is never stored twice").isEqualTo(IngestOutcome.Kind.DUPLICATE);
    }

    @Test
    void aBounceMarksTheReplyItReportsOnAndJoinsItsConversation() {
        String id = ingest("bounce@c.example", "Will bounce", "bq-1").conversationId().toString();
        String reply = expect(http.post("/api/v1/conversations/" + id + "/reply", t.agent(), Map.of("text", "Answer")), 202).string("messageId");
        String raw = http.get("/api/v1/conversations/" + id + "/messages/" + reply + "/raw", t.agent()).body();
        String ourId = raw.replaceAll("(?s).*Message-ID: <([^>]+)>.*", "$1");
        String dsn = "From: MAILER-DAEMON@mx.c.example\r\nTo: support@rules.example.com\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                + "Message-ID: <dsn-1@mx.c.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
                + "--r\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
                + "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.c.example\r\n\r\n"
                + "Final-Recipient: rfc822; bounce@c.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 no such user\r\n\r\n"
                + "--r\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <" + ourId + ">\r\nSubject: Re: Will bounce\r\n\r\n--r--\r\n";
        IngestOutcome outcome = pipeline.ingest(tenant, touchpoint, new InboundMail("dsn-1", dsn.getBytes(StandardCharsets.UTF_8), null));
        assertThat(outcome.conversationId().toString()).as("the report joins the reply's conversation").isEqualTo(id);
        String detail = http.get("/api/v1/conversations/" + id, t.agent()).body();
        assertThat(detail).contains("\"deliveryStatus\":\"BOUNCED\"").contains("BOUNCE");
    }

    /** Regression: the first conversations of a tenant, on several touchpoints at once, raced to create the counter row. */
    @Test
    void theFirstConversationsOfANewTenantGetDistinctNumbersWhenTheyArriveTogether() throws Exception {
        TenantFixture fresh = TenantFixture.create(http, "numbers");
        TenantId freshTenant = TenantId.parse(fresh.tenantId());
        UUID freshTouchpoint = UUID.fromString(fresh.touchpointId());
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<IngestOutcome>> results = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    String raw = "From: c" + n + "@race.example\r\nSubject: Race " + n + "\r\nMessage-ID: <race-" + n
                            + "@race.example>\r\n\r\nbody\r\n";
                    return pipeline.ingest(freshTenant, freshTouchpoint, new InboundMail("race-" + n, raw.getBytes(StandardCharsets.UTF_8), null));
                }));
            }
            start.countDown();
        }
        java.util.Set<Long> numbers = new java.util.HashSet<>();
        for (var result : results) {
            IngestOutcome outcome = result.get();
            assertThat(outcome.kind()).isEqualTo(IngestOutcome.Kind.STORED);
            numbers.add(Long.parseLong(http.get("/api/v1/conversations/" + outcome.conversationId(), fresh.admin()).map()
                    .get("conversation").toString().replaceAll(".*number=(\\d+).*", "$1")));
        }
        assertThat(numbers).hasSize(8);
    }

    @Test
    void aTouchpointWithConversationsCannotBeDeleted() {
        ingest("history@c.example", "History", null);
        var refused = http.delete("/api/v1/touchpoints/" + t.touchpointId(), t.admin());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.string("detail")).contains("deactivate");
        assertThat(http.get("/api/v1/touchpoints/" + t.touchpointId(), t.admin()).status()).isEqualTo(200);
    }

    private IngestOutcome ingest(String from, String subject, String messageId) {
        return ingestReply(from, subject, messageId, null);
    }

    private IngestOutcome ingestReply(String from, String subject, String messageId, String inReplyTo) {
        String id = messageId != null ? messageId : "gen-" + IDS.incrementAndGet() + "@c.example";
        String raw = "From: " + from + "\r\nTo: support@rules.example.com\r\nSubject: " + subject + "\r\nMessage-ID: <" + id + ">\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\r\n")
                + "Content-Type: text/plain\r\n\r\nbody\r\n";
        IngestOutcome outcome = pipeline.ingest(tenant, touchpoint, new InboundMail("p-" + id, raw.getBytes(StandardCharsets.UTF_8), null));
        assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(IngestOutcome.Kind.STORED);
        return outcome;
    }

    private List<String> queueOf(String conversationId) {
        @SuppressWarnings("unchecked")
        List<String> queue = (List<String>) http.get("/api/v1/conversations/" + conversationId, t.admin()).map().get("queue");
        return queue;
    }

    private Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(TenantFixture.imapSettings("rules"));
        all.putAll(extra);
        return all;
    }
}
