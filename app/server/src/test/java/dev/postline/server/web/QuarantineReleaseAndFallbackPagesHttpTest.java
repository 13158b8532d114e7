package dev.postline.server.web;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #13 items 4, 19 and 23 on the admin pages: a quarantined message naming no sender is
 * released with an address typed on the touchpoint page; the auto-reply page offers "once for every
 * new conversation"; a variable's fallback is explained, saved and used, and a misspelt filter refused.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuarantineReleaseAndFallbackPagesHttpTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    TenantFixture t;
    FormClient admin;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "release");
        admin = new FormClient(server.getURI());
        admin.signIn("release", "admin@release.example.com", TenantFixture.PASSWORD);
    }

    private IngestOutcome ingest(String providerId, String raw) {
        return pipeline.ingest(TenantId.parse(t.tenantId()), UUID.fromString(t.touchpointId()),
                new InboundMail(providerId, raw.getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void aMessageNamingNoSenderIsReleasedWithTheAddressTypedOnTheTouchpointPage() {
        IngestOutcome held = ingest("nobody-1", "From: nobody\r\nSubject: Lost order " + t.marker() + "\r\n\r\nWhere is it?\r\n");
        assertThat(held.kind()).isEqualTo(IngestOutcome.Kind.QUARANTINED);
        String page = "/admin/touchpoints/" + t.touchpointId();
        String action = page + "/quarantine/" + held.messageId() + "/reprocess";

        var shown = admin.get(page);
        assertThat(shown.body()).contains("Lost order " + t.marker()).contains("no usable sender address")
                .contains("name=\"customerAddress\"").contains("Replies go to the address you give");
        var bad = admin.post(action, Map.of("_csrf", FormClient.token(shown), "customerAddress", "jane@"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Not released: the customer address “jane@” is not a valid email address");
        var empty = admin.post(action, Map.of("_csrf", FormClient.token(shown), "customerAddress", ""));
        assertThat(empty.statusCode()).isEqualTo(409);
        assertThat(empty.body()).contains("give the customer address to release it");

        var released = admin.post(action, Map.of("_csrf", FormClient.token(shown), "customerAddress", "jane@release-customer.example"));
        assertThat(released.statusCode()).isEqualTo(303);
        var conversations = expect(http.get("/api/v1/conversations?status=OPEN", t.admin()), 200);
        assertThat(conversations.body()).contains("jane@release-customer.example").contains("Lost order " + t.marker());
        assertThat(admin.get(page).body()).contains("reprocessed");
    }

    @Test
    void theAutoReplyPageOffersOnceForEveryNewConversation() {
        String path = "/admin/touchpoints/" + t.touchpointId() + "/auto-reply";
        var editor = admin.get(path);
        assertThat(editor.body()).contains("Once for every new conversation").contains("At most once per sender")
                .doesNotContain("perSenderHours\" value=\"0\"");

        var saved = admin.post(path, Map.of("_csrf", FormClient.token(editor), "subject", "", "html", "", "text", "Thanks.",
                "active", "true", "limit", "conversation", "perSenderHours", ""));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(http.get("/api/v1/touchpoints/" + t.touchpointId() + "/auto-reply", t.admin()).map()).containsEntry("perSenderHours", 0);
        assertThat(admin.get(path).body()).containsPattern("id=\"limit-conversation\"[^>]*checked");

        var badHours = admin.post(path, Map.of("_csrf", FormClient.token(editor), "text", "Thanks.", "active", "true",
                "limit", "sender", "perSenderHours", "0"));
        assertThat(badHours.statusCode()).isEqualTo(400);
        assertThat(badHours.body()).contains("from 1 to 720").contains("once for every new conversation");
        var perSender = admin.post(path, Map.of("_csrf", FormClient.token(editor), "text", "Thanks.", "active", "true",
                "limit", "sender", "perSenderHours", "6"));
        assertThat(perSender.statusCode()).isEqualTo(303);
        assertThat(http.get("/api/v1/touchpoints/" + t.touchpointId() + "/auto-reply", t.admin()).map()).containsEntry("perSenderHours", 6);
    }

    @Test
    void aFallbackIsExplainedSavedAndUsedAndAMisspeltFilterIsRefused() {
        var page = admin.get("/admin/standard-responses");
        assertThat(page.body()).containsPattern("\\{\\{customer\\.name \\| default: (\"|&quot;)there(\"|&quot;)}}");
        var refused = admin.post("/admin/standard-responses", Map.of("_csrf", FormClient.token(page), "name", "Typo",
                "text", "Hello {{customer.name | defualt: \"there\"}},", "html", ""));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("unknown filter “defualt”");

        Map<String, Object> body = new HashMap<>(Map.of("name", "Greeting " + t.marker(),
                "text", "Hello {{customer.name | default: \"there\"}},", "html", "<p>Hello {{customer.name | default: \"there\"}},</p>"));
        String responseId = expect(http.post("/api/v1/standard-responses", t.admin(), body), 201).string("id");
        IngestOutcome nameless = ingest("nameless-1", "From: c@nameless.example\r\nSubject: Hi\r\nMessage-ID: <n1@nameless.example>\r\n\r\nx\r\n");
        var rendered = expect(http.post("/api/v1/conversations/" + nameless.conversationId() + "/standard-responses/" + responseId
                + "/render", t.admin(), null), 200);
        assertThat(rendered.string("text")).isEqualTo("Hello there,");
        assertThat(rendered.string("html")).contains("Hello there,");
    }
}
