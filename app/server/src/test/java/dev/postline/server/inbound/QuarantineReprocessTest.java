package dev.postline.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.ingest.Quarantine;
import dev.postline.core.ingest.QuarantinedMail;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import dev.postline.core.vault.VaultKeysets;
import dev.postline.core.web.ApiException;
import dev.postline.server.support.TenantFixture;
import dev.postline.server.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Quarantined mail is kept whole and can be ingested later, once the reason is gone (here: a raised limit). */
class QuarantineReprocessTest {

    @Test
    void mailOverALimitIsHeldAndIngestedOnceTheLimitIsRaised() throws Exception {
        Map<String, Object> props = new HashMap<>(TestDatabase.newDatabase());
        props.put("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        props.put("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        props.put("postline.security.password-iterations", "1000");
        props.put("postline.sync.enabled", "false");
        props.put("postline.data-dir", Files.createTempDirectory(Path.of("target"), "quarantine-").toAbsolutePath().toString());
        Map<String, Object> strict = new HashMap<>(props);
        strict.put("postline.ingest.max-parts", "3");

        TenantId tenant;
        UUID held;
        try (ApplicationContext context = ApplicationContext.run(strict)) {
            tenant = context.getBean(TenantService.class).create(new TenantService.NewTenant("quarantine", "Q Inc",
                    new UserService.NewUser("admin@q.example.com", "Admin", Role.ADMIN, "admin-password-1"))).tenant().tenantId();
            UUID touchpoint = context.getBean(TouchpointService.class).create(tenant, new TouchpointService.NewTouchpoint(
                    "support@q.example.com", "Support", "imap", Direction.BOTH, true, List.of(),
                    TenantFixture.imapSettings("q"))).touchpoint().id();
            IngestOutcome outcome = context.getBean(IngestionPipeline.class).ingest(tenant, touchpoint,
                    new InboundMail("p-1", fiveParts(), null));
            assertThat(outcome.kind()).isEqualTo(IngestOutcome.Kind.QUARANTINED);
            assertThat(outcome.reason()).containsIgnoringCase("part");
            held = outcome.messageId();
            UUID id = held;
            assertThatThrownBy(() -> context.getBean(Quarantine.class).reprocess(tenant, id, context.getBean(IngestionPipeline.class)))
                    .isInstanceOf(ApiException.class).hasMessageContaining("still cannot be ingested");
            // Its sender is known: an admin's address must not redirect the customer's mail (#13 item 4).
            assertThatThrownBy(() -> context.getBean(Quarantine.class).reprocess(tenant, id, context.getBean(IngestionPipeline.class),
                    "other@example.com")).isInstanceOf(ApiException.class).hasMessageContaining("names its sender itself");
        }
        try (ApplicationContext context = ApplicationContext.run(props)) {
            Quarantine quarantine = context.getBean(Quarantine.class);
            IngestOutcome again = quarantine.reprocess(tenant, held, context.getBean(IngestionPipeline.class));
            assertThat(again.kind()).isEqualTo(IngestOutcome.Kind.STORED);
            assertThat(quarantine.get(tenant, held).status()).isEqualTo(QuarantinedMail.Status.REPROCESSED);
            UUID id = held;
            assertThatThrownBy(() -> quarantine.reprocess(tenant, id, context.getBean(IngestionPipeline.class)))
                    .as("only once").isInstanceOf(ApiException.class);
        }
    }

    private static byte[] fiveParts() {
        StringBuilder raw = new StringBuilder("From: many@parts.example\r\nTo: support@q.example.com\r\nSubject: Five parts\r\n"
                + "Message-ID: <five@parts.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (int i = 0; i < 5; i++) {
            raw.append("--p\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        }
        return raw.append("--p--\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
