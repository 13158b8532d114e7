package dev.postline.server.support;

import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's conversation with an HTML message, an inline image and an attachment, plus one
 * quarantined message: ingested straight through the pipeline (no mail server needed) and then
 * read back through the API, as a client would see it.
 */
public record ConversationFixture(String conversationId, String messageId, String attachmentId, String quarantineId,
                                  String blocklistEntryId) {

    public static ConversationFixture create(Http http, IngestionPipeline pipeline, TenantFixture t) {
        TenantId tenant = TenantId.parse(t.tenantId());
        UUID touchpoint = UUID.fromString(t.touchpointId());
        IngestOutcome stored = pipeline.ingest(tenant, touchpoint, new InboundMail("fixture-1", richMessage(t.marker()), null));
        IngestOutcome held = pipeline.ingest(tenant, touchpoint, new InboundMail("fixture-2",
                "Subject: no sender\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), null));
        if (stored.kind() != IngestOutcome.Kind.STORED || held.kind() != IngestOutcome.Kind.QUARANTINED) {
            throw new AssertionError("fixture mail: " + stored + " / " + held);
        }
        String conversationId = stored.conversationId().toString();
        Map<String, Object> detail = TenantFixture.expect(http.get("/api/v1/conversations/" + conversationId, t.admin()), 200).map();
        @SuppressWarnings("unchecked")
        Map<String, Object> message = ((List<Map<String, Object>>) detail.get("messages")).getFirst();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) message.get("attachments");
        String attachmentId = files.stream().filter(f -> Boolean.FALSE.equals(f.get("inline"))).findFirst().orElseThrow().get("id").toString();
        String entry = TenantFixture.expect(http.post("/api/v1/touchpoints/" + t.touchpointId() + "/blocklist", t.admin(),
                Map.of("pattern", "@spam-" + t.slug() + ".example.com", "note", "Note " + t.marker())), 201).string("id");
        return new ConversationFixture(conversationId, message.get("id").toString(), attachmentId, held.messageId().toString(), entry);
    }

    public List<String> ids() {
        return List.of(conversationId, messageId, attachmentId, quarantineId, blocklistEntryId);
    }

    static byte[] richMessage(String marker) {
        String raw = """
                From: Customer %1$s <customer@%1$s.example.com>\r
                To: support@example.com\r
                Subject: Invoice question %1$s\r
                Message-ID: <fixture-%1$s@customer.example.com>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="outer"\r
                \r
                --outer\r
                Content-Type: multipart/related; boundary="rel"\r
                \r
                --rel\r
                Content-Type: text/html; charset=UTF-8\r
                \r
                <p>Hello %1$s <img src="cid:logo@%1$s"><script>alert(1)</script></p>\r
                --rel\r
                Content-Type: image/png\r
                Content-ID: <logo@%1$s>\r
                Content-Disposition: inline\r
                Content-Transfer-Encoding: base64\r
                \r
                iVBORw0KGgo=\r
                --rel--\r
                --outer\r
                Content-Type: application/pdf; name="invoice-%1$s.pdf"\r
                Content-Disposition: attachment; filename="invoice-%1$s.pdf"\r
                Content-Transfer-Encoding: base64\r
                \r
                JVBERi0xLjQK\r
                --outer--\r
                """.formatted(marker);
        return raw.getBytes(StandardCharsets.UTF_8);
    }
}
