package dev.postline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.UnfetchableItem;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.ingest.UnfetchableMail;
import dev.postline.core.sync.SyncStates;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #13 items 2 and 3 as an admin sees them on the touchpoint page, in words: how many duplicate
 * deliveries were not stored again, and a message the mail server never delivered — listed with the
 * server's id and the reason, marked as having no content, with nothing to download or reprocess.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminIngestTrustPagesHttpTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;
    @Inject UnfetchableMail unfetchable;
    @Inject SyncStates states;

    @Test
    void theTouchpointPageTellsAboutDuplicatesAndUnfetchableMail() {
        Http http = new Http(server.getURI(), json);
        TenantFixture t = TenantFixture.create(http, "trustpages");
        TenantId tenant = TenantId.of(UUID.fromString(t.tenantId()));
        UUID touchpoint = UUID.fromString(t.touchpointId());
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("trustpages", "admin@trustpages.example.com", TenantFixture.PASSWORD);
        assertThat(browser.get("/admin/touchpoints/" + touchpoint).body()).contains("No duplicate deliveries so far.");

        byte[] raw = MailboxServer.customerMail("jane@customer.example", "support@trustpages.example.com", "twice@customer.example",
                "Twice", "Delivered twice.", List.of()).getBytes(StandardCharsets.UTF_8);
        pipeline.ingest(tenant, touchpoint, new InboundMail("d-1", raw, null));
        pipeline.ingest(tenant, touchpoint, new InboundMail("d-2", raw, null));
        pipeline.ingest(tenant, touchpoint, new InboundMail("d-3", raw, null));
        states.cursorOrStart(tenant, touchpoint, () -> SyncCursor.parse("imap:v1:7:40"));
        UnfetchableMail.Verdict verdict = unfetchable.failed(tenant, touchpoint, new UnfetchableItem("7:41",
                "the connection to the IMAP server was lost while fetching message 41 on its own",
                SyncCursor.parse("imap:v1:7:41")), 1);
        assertThat(verdict).isEqualTo(UnfetchableMail.Verdict.GIVEN_UP);

        String page = browser.get("/admin/touchpoints/" + touchpoint).body();
        assertThat(page).contains("2 copies of messages were not stored again, because the same message had arrived before.");
        assertThat(page).contains("content never received from the mail server").contains("id on the mail server: 7:41")
                .contains("Postline has no copy of").contains("nothing to reprocess")
                .contains("could not be fetched from the mail server");
        assertThat(page).doesNotContain("REUSED_MESSAGE_ID").doesNotContain("UNFETCHABLE").doesNotContain("NETWORK");

        Map<String, Object> held = http.get("/api/v1/quarantine", t.admin()).list().getFirst();
        assertThat(held).containsEntry("unfetchable", true).containsEntry("providerId", "7:41");
        assertThat(http.get("/api/v1/quarantine/" + held.get("id") + "/raw", t.admin()).status()).isEqualTo(404);
        var reprocess = http.post("/api/v1/quarantine/" + held.get("id") + "/reprocess", t.admin(), null);
        assertThat(reprocess.status()).isEqualTo(409);
        assertThat(reprocess.body()).contains("never delivered");
        Map<?, ?> sync = (Map<?, ?>) http.get("/api/v1/touchpoints/" + touchpoint, t.admin()).map().get("sync");
        assertThat(((Number) sync.get("duplicatesSuppressed")).longValue()).isEqualTo(2);
    }
}
