package dev.postline.server.compose;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Drafts: per agent, autosaved with stale saves refused, discarded, and sent exactly once. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftsTest implements PostlineTestProperties {

    static final FlakySmtpServer SMTP = new FlakySmtpServer(0, "unused");

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    TenantFixture t;
    String touchpoint;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("postline.sync.allow-private-networks", "true", "postline.sync.extra-ports", Integer.toString(SMTP.port()),
                "postline.outbox.poll-interval", "100ms");
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "drafts");
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("drafts"));
        settings.putAll(Map.of("smtpHost", "127.0.0.1", "smtpPort", Integer.toString(SMTP.port()), "smtpTls", "plain"));
        touchpoint = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "help@drafts.example.com",
                "displayName", "Drafts help", "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", settings)), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + touchpoint + "/credential", t.admin(), Map.of("password", "smtp-password")), 204);
    }

    @AfterAll
    void stop() throws Exception {
        SMTP.close();
    }

    @Test
    void aDraftIsCreatedAutosavedListedForItsAuthorOnlyAndDiscarded() {
        String conversation = conversation("life");
        String drafts = "/api/v1/conversations/" + conversation + "/drafts";
        String upload = expect(http.upload("/api/v1/uploads", t.agent(), "notes.txt", "text/plain", "n".getBytes()), 201).string("id");
        var created = expect(http.post(drafts, t.agent(), Map.of("kind", "reply-all", "text", "First words", "cc",
                List.of("boss@life.example"), "attachments", List.of(upload))), 201);
        String id = created.string("id");
        assertThat(created.map()).containsEntry("version", 1).containsEntry("kind", "reply-all").containsEntry("text", "First words");
        assertThat(created.map().get("attachments")).isEqualTo(List.of(upload));

        var saved = expect(http.put(drafts + "/" + id, t.agent(), Map.of("version", 1, "text", "Better words", "subject", "Re: hello")), 200);
        assertThat(saved.map()).containsEntry("version", 2).containsEntry("text", "Better words").containsEntry("kind", "reply");
        assertThat(saved.map().get("attachments")).as("a full replace").isEqualTo(List.of());
        var stale = http.put(drafts + "/" + id, t.agent(), Map.of("version", 1, "text", "From another tab"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(http.get(drafts, t.agent()).list()).singleElement().satisfies(d -> assertThat(d).containsEntry("text", "Better words"));

        assertThat(http.get(drafts, t.admin()).list()).as("another user's drafts").isEmpty();
        assertThat(http.put(drafts + "/" + id, t.admin(), Map.of("version", 2, "text", "hijack")).status()).isEqualTo(404);
        assertThat(http.post(drafts + "/" + id + "/send", t.admin(), Map.of()).status()).isEqualTo(404);
        assertThat(http.post(drafts, t.apiKey(), Map.of("text", "x")).status()).as("an API key is nobody").isEqualTo(403);
        assertThat(http.put(drafts + "/" + id, t.agent(), Map.of("version", 2, "subject", "a\r\nBcc: x@evil.example")).status())
                .isEqualTo(400);

        assertThat(http.delete(drafts + "/" + id, t.agent()).status()).isEqualTo(204);
        assertThat(http.get(drafts, t.agent()).list()).isEmpty();
        assertThat(Mailbox.messages(http, t, conversation)).as("nothing sent").hasSize(1);
    }

    @Test
    void sendingADraftQueuesItsMessageAndDeletesItAtOnceAndASecondSendSendsNothing() {
        String conversation = conversation("send");
        String drafts = "/api/v1/conversations/" + conversation + "/drafts";
        String id = expect(http.post(drafts, t.agent(), Map.of("text", "The answer from a draft.", "cc", List.of("cc@send.example"))), 201)
                .string("id");
        var sent = expect(http.post(drafts + "/" + id + "/send", t.agent(), Map.of()), 202);
        assertThat(sent.string("status")).isEqualTo("QUEUED");
        assertThat(http.get(drafts, t.agent()).list()).isEmpty();
        assertThat(http.post(drafts + "/" + id + "/send", t.agent(), Map.of()).status()).isEqualTo(404);

        Eventually.await("the draft's message delivered", Duration.ofSeconds(20),
                () -> SMTP.accepted().stream().anyMatch(m -> m.contains("The answer from a draft.")));
        var messages = Mailbox.messages(http, t, conversation);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("id")).isEqualTo(sent.string("id"));
        assertThat(SMTP.accepted().stream().filter(m -> m.contains("The answer from a draft.")).count()).isEqualTo(1);
    }

    @Test
    void twoSimultaneousSendsOfOneDraftMakeOneMessage() throws Exception {
        String conversation = conversation("race");
        String drafts = "/api/v1/conversations/" + conversation + "/drafts";
        String id = expect(http.post(drafts, t.agent(), Map.of("text", "Only once, please.")), 201).string("id");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sends.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return http.post(drafts + "/" + id + "/send", t.agent(), Map.of()).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = sends.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnlyOnce(202).allMatch(s -> s == 202 || s == 404 || s == 409);
        assertThat(Mailbox.messages(http, t, conversation)).hasSize(2);
    }

    @Test
    void aDraftWithABadAddressIsRefusedWhenSentAndStaysADraft() {
        String conversation = conversation("bad");
        String drafts = "/api/v1/conversations/" + conversation + "/drafts";
        String id = expect(http.post(drafts, t.agent(), Map.of("text", "x", "to", List.of("not-an-address"))), 201).string("id");
        var refused = http.post(drafts + "/" + id + "/send", t.agent(), Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("to[0]");
        assertThat(http.get(drafts, t.agent()).list()).hasSize(1);
        assertThat(Mailbox.messages(http, t, conversation)).hasSize(1);
    }

    private String conversation(String name) {
        String raw = "From: Cus Tomer <customer@" + name + ".example>\r\nTo: help@drafts.example.com\r\nSubject: Question " + name
                + "\r\nMessage-ID: <q-" + name + "@" + name + ".example>\r\nContent-Type: text/plain\r\n\r\nPlease help.\r\n";
        return pipeline.ingest(TenantId.parse(t.tenantId()), UUID.fromString(touchpoint),
                new InboundMail("q-" + name, raw.getBytes(StandardCharsets.UTF_8), null)).conversationId().toString();
    }
}
