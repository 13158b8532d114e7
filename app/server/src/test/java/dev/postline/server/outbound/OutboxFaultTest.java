package dev.postline.server.outbound;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.FlakySmtpServer;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The durable outbox against SMTP servers that refuse: a transient refusal is retried into exactly one delivery, a permanent one fails at once. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxFaultTest implements PostlineTestProperties {

    static final FlakySmtpServer TRY_LATER = new FlakySmtpServer(2, "451 4.3.0 Try again later");
    static final FlakySmtpServer REJECTS = new FlakySmtpServer(1, "554 5.7.1 Message rejected");

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("postline.sync.allow-private-networks", "true",
                "postline.sync.extra-ports", TRY_LATER.port() + "," + REJECTS.port(),
                "postline.outbox.first-retry", "200ms", "postline.outbox.poll-interval", "100ms");
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "outbox");
    }

    @AfterAll
    void stop() throws Exception {
        TRY_LATER.close();
        REJECTS.close();
    }

    @Test
    void aTransientRefusalIsRetriedIntoExactlyOneDelivery() {
        String conversation = conversationOn(TRY_LATER, "later");
        String messageId = expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(),
                Map.of("text", "Here is your answer.")), 202).string("messageId");
        Eventually.await("the reply delivered", Duration.ofSeconds(20), () -> TRY_LATER.accepted().size() == 1);
        Eventually.await("the reply marked SENT", Duration.ofSeconds(10), () -> status(conversation, messageId).equals("SENT"));
        assertThat(TRY_LATER.attempts()).isEqualTo(3);
        assertThat(TRY_LATER.accepted()).hasSize(1);
        assertThat(TRY_LATER.accepted().getFirst()).contains("Here is your answer.");
    }

    @Test
    void aPermanentRefusalFailsAtOnceAndReopensTheConversation() {
        String conversation = conversationOn(REJECTS, "rejects");
        expect(http.post("/api/v1/conversations/" + conversation + "/close", t.agent(), Map.of()), 200);
        String messageId = expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(),
                Map.of("text", "This will bounce.")), 202).string("messageId");
        expect(http.post("/api/v1/conversations/" + conversation + "/close", t.agent(), Map.of()), 200);
        Eventually.await("the reply marked FAILED", Duration.ofSeconds(20), () -> status(conversation, messageId).equals("FAILED"));
        assertThat(REJECTS.attempts()).as("no retry of a permanent refusal").isEqualTo(1);
        var detail = http.get("/api/v1/conversations/" + conversation, t.agent()).map();
        assertThat(detail.get("conversation").toString()).contains("status=OPEN");
        assertThat(detail.get("messages").toString()).contains("554");
        assertThat(http.get("/api/v1/conversations/" + conversation + "/notes", t.agent()).body())
                .as("an internal note tells the agents why").contains("could not be delivered").contains("554");
    }

    @Test
    void notesAreForTheTenantsUsersWhoSeeTheConversationAndAreNeverSent() {
        String conversation = conversationOn(TRY_LATER, "notes");
        int before = TRY_LATER.attempts();
        var note = http.post("/api/v1/conversations/" + conversation + "/notes", t.agent(), Map.of("text", "Customer called, wants a refund."));
        assertThat(note.status()).isEqualTo(201);
        assertThat(http.get("/api/v1/conversations/" + conversation + "/notes", t.admin()).body()).contains("wants a refund");
        assertThat(http.post("/api/v1/conversations/" + conversation + "/notes", t.apiKey(), Map.of("text", "from a key")).status())
                .as("an API key is nobody").isEqualTo(403);
        assertThat(http.post("/api/v1/conversations/" + conversation + "/notes", t.agent(), Map.of("text", " ")).status()).isEqualTo(400);
        assertThat(TRY_LATER.attempts()).as("nothing sent").isEqualTo(before);
    }

    @Test
    void headerInjectionInACcIsRefusedAndNothingIsQueued() {
        String conversation = conversationOn(TRY_LATER, "inject");
        var refused = http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(),
                Map.of("text", "hi", "cc", List.of("x@y.example\r\nBcc: all@evil.example")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(((List<?>) http.get("/api/v1/conversations/" + conversation, t.agent()).map().get("messages"))).hasSize(1);
    }

    /** A touchpoint whose SMTP is the given server, with one inbound customer message on it. */
    private String conversationOn(FlakySmtpServer smtp, String name) {
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("outbox"));
        settings.putAll(Map.of("smtpHost", "127.0.0.1", "smtpPort", Integer.toString(smtp.port()), "smtpTls", "plain"));
        String touchpoint = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", name + "@outbox.example.com",
                "displayName", "Outbox " + name, "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", settings)), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + touchpoint + "/credential", t.admin(), Map.of("password", "smtp-password")), 204);
        String raw = "From: Cus Tomer <customer-" + name + "@example.org>\r\nTo: " + name + "@outbox.example.com\r\nSubject: Help " + name
                + "\r\nMessage-ID: <q-" + name + "@example.org>\r\nContent-Type: text/plain\r\n\r\nPlease help.\r\n";
        var outcome = pipeline.ingest(TenantId.parse(t.tenantId()), UUID.fromString(touchpoint),
                new InboundMail("q-" + name, raw.getBytes(StandardCharsets.UTF_8), null));
        return outcome.conversationId().toString();
    }

    @SuppressWarnings("unchecked")
    private String status(String conversation, String messageId) {
        var messages = (List<Map<String, Object>>) http.get("/api/v1/conversations/" + conversation, t.agent()).map().get("messages");
        return messages.stream().filter(m -> messageId.equals(m.get("id"))).findFirst()
                .map(m -> String.valueOf(m.get("deliveryStatus"))).orElse("none");
    }
}
