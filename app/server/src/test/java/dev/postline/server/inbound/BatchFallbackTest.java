package dev.postline.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.sync.SyncSupervisor;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import dev.postline.core.vault.VaultKeysets;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fetched batch is stored in one transaction; when one of its messages breaks that transaction, the
 * batch is stored message by message instead, so the fault costs only that message: the mail before it
 * arrives, the cursor stops in front of it, and once the fault is gone the rest follows, each message once.
 */
class BatchFallbackTest {

    private static final String SUPPORT = "support@fallback.example.com";
    private static final String POISON = "poison@customer.example";

    MailboxServer mail = new MailboxServer();

    @AfterEach
    void stop() {
        PoisonedBlocklist.ACTIVE.set(true);
        mail.close();
    }

    @Test
    void aMessageThatBreaksItsBatchCostsOnlyItself() throws Exception {
        GreenMailUser mailbox = mail.mailbox(SUPPORT, "mailbox-password");
        for (int i = 0; i < 10; i++) {
            String from = i == 4 ? POISON : "c" + i + "@customer.example";
            mail.append(mailbox, "INBOX", MailboxServer.customerMail(from, SUPPORT, "m-" + i + "@customer.example", "Question " + i,
                    "Please help with " + i, List.of()));
        }
        Map<String, Object> props = new HashMap<>(TestDatabase.newDatabase());
        props.putAll(mail.syncProperties());
        props.put("postline.sync.batch-size", "10");
        props.put("postline.sync.max-backoff", "1s");
        props.put("postline.sync.network-max-backoff", "1s");
        props.put("test.poison-sender", POISON);
        props.put("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        props.put("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        props.put("postline.security.password-iterations", "1000");
        props.put("postline.data-dir", Files.createTempDirectory(Path.of("target"), "fallback-").toAbsolutePath().toString());
        try (ApplicationContext context = ApplicationContext.run(props)) {
            var created = context.getBean(TenantService.class).create(new TenantService.NewTenant("fallback", "Fallback Inc",
                    new UserService.NewUser("admin@fallback.example.com", "Admin", Role.ADMIN, "admin-password-1")));
            TenantId tenant = created.tenant().tenantId();
            Map<String, String> settings = mail.touchpointSettings(SUPPORT);
            settings.put("initialImportDays", "1");
            TouchpointService touchpoints = context.getBean(TouchpointService.class);
            UUID touchpoint = touchpoints.create(tenant, new TouchpointService.NewTouchpoint(SUPPORT, "Support", "imap", Direction.BOTH,
                    true, List.of(), settings)).touchpoint().id();
            touchpoints.setPassword(tenant, touchpoint, new TouchpointService.CredentialUpdate("mailbox-password"));
            context.getBean(SyncSupervisor.class).start();

            // One batch of ten, the fifth broken: the four before it are stored on their own.
            Eventually.await("the four messages before the broken one", Duration.ofSeconds(30),
                    () -> stored(context, tenant, touchpoint) == 4);

            PoisonedBlocklist.ACTIVE.set(false);
            Eventually.await("all ten once the fault is gone", Duration.ofSeconds(30), () -> {
                long n = stored(context, tenant, touchpoint);
                assertThat(n).as("never more than delivered").isLessThanOrEqualTo(10);
                return n == 10;
            });
            MailMessageRepository messages = context.getBean(MailMessageRepository.class);
            for (int i = 0; i < 10; i++) {
                String id = "m-" + i + "@customer.example";
                assertThat(context.getBean(TenantTransactions.class).read(tenant,
                        () -> messages.findByTenantIdAndTouchpointIdAndMessageIdHeader(tenant.value(), touchpoint, id)))
                        .as(id).hasSize(1);
            }
        }
    }

    private static long stored(ApplicationContext context, TenantId tenant, UUID touchpoint) {
        return context.getBean(TenantTransactions.class).read(tenant,
                () -> context.getBean(MailMessageRepository.class).countByTenantIdAndTouchpointId(tenant.value(), touchpoint));
    }
}
