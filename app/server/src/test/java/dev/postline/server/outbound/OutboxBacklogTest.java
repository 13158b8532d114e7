package dev.postline.server.outbound;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.ConcurrentSmtpSink;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14 target 5: a backlog of many batches is sent with the next batch claimed while the last is
 * still being sent. Every reply goes out exactly once, and a touchpoint never has more SMTP
 * connections open than {@code connections-per-touchpoint}, however many batches are in hand.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxBacklogTest implements PostlineTestProperties {

    static final ConcurrentSmtpSink FIRST = new ConcurrentSmtpSink(Duration.ofMillis(15));
    static final ConcurrentSmtpSink SECOND = new ConcurrentSmtpSink(Duration.ofMillis(15));
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>");

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("postline.sync.allow-private-networks", "true",
                "postline.sync.extra-ports", FIRST.port() + "," + SECOND.port(),
                "postline.outbox.poll-interval", "100ms", "postline.outbox.batch-size", "6",
                "postline.outbox.connections-per-touchpoint", "2", "postline.outbox.concurrency", "8");
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "backlog");
    }

    @AfterAll
    void stop() throws Exception {
        FIRST.close();
        SECOND.close();
    }

    @Test
    void aBacklogOfManyBatchesShouldGoOutExactlyOnceWithinTheConnectionLimitPerTouchpoint() {
        String first = conversationOn(FIRST, "first");
        String second = conversationOn(SECOND, "second");
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            queued.add(reply(first, "First answer " + i));
            if (i % 3 == 0) {
                queued.add(reply(second, "Second answer " + i));
            }
        }

        Eventually.await("every reply delivered", Duration.ofSeconds(60),
                () -> FIRST.accepted().size() + SECOND.accepted().size() >= queued.size());
        Eventually.await("every reply marked SENT", Duration.ofSeconds(20),
                () -> statuses(first).values().stream().filter("SENT"::equals).count()
                        + statuses(second).values().stream().filter("SENT"::equals).count() == queued.size());

        List<String> delivered = new ArrayList<>(messageIds(FIRST));
        delivered.addAll(messageIds(SECOND));
        assertThat(delivered).as("each reply exactly once").doesNotHaveDuplicates().hasSize(queued.size());
        assertThat(messageIds(FIRST)).hasSize(25);
        assertThat(FIRST.mostOpen()).as("SMTP connections of one touchpoint at once").isBetween(1, 2);
        assertThat(SECOND.mostOpen()).isBetween(1, 2);
    }

    private String reply(String conversation, String text) {
        return expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(), Map.of("text", text)), 202)
                .string("messageId");
    }

    private static List<String> messageIds(ConcurrentSmtpSink sink) {
        List<String> ids = new ArrayList<>();
        for (String message : sink.accepted()) {
            Matcher m = MESSAGE_ID.matcher(message);
            ids.add(m.find() ? m.group(1) : "none");
        }
        return ids;
    }

    /** A touchpoint whose SMTP is the given server, with one inbound customer message on it. */
    private String conversationOn(ConcurrentSmtpSink smtp, String name) {
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("backlog"));
        settings.putAll(Map.of("smtpHost", "127.0.0.1", "smtpPort", Integer.toString(smtp.port()), "smtpTls", "plain",
                "appendToSent", "false"));
        String touchpoint = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", name + "@backlog.example.com",
                "displayName", "Backlog " + name, "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", settings)), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + touchpoint + "/credential", t.admin(), Map.of("password", "smtp-password")), 204);
        String raw = "From: Cus Tomer <customer-" + name + "@example.org>\r\nTo: " + name + "@backlog.example.com\r\nSubject: Help " + name
                + "\r\nMessage-ID: <q-" + name + "@example.org>\r\nContent-Type: text/plain\r\n\r\nPlease help.\r\n";
        var outcome = pipeline.ingest(TenantId.parse(t.tenantId()), UUID.fromString(touchpoint),
                new InboundMail("q-" + name, raw.getBytes(StandardCharsets.UTF_8), null));
        return outcome.conversationId().toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> statuses(String conversation) {
        var messages = (List<Map<String, Object>>) http.get("/api/v1/conversations/" + conversation, t.agent()).map().get("messages");
        Map<String, String> byId = new HashMap<>();
        messages.forEach(m -> byId.put(String.valueOf(m.get("id")), String.valueOf(m.get("deliveryStatus"))));
        return byId;
    }
}
