package dev.postline.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.sync.SyncSupervisor;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.ConnectionStates;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.StateChange;
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
 * Postline's own database out of reach (a saturated connection pool, seen with 100 importing touchpoints
 * on 2 cores) is not the mailbox's fault: the touchpoint must not go CONNECTION_LOST (which alerts the
 * tenant's admins), the batch must not be retried message by message (each would wait for a connection in
 * vain), and once the database answers the mail arrives, each message once.
 */
class DatabaseUnavailableSyncTest {

    private static final String SUPPORT = "support@dbdown.example.com";
    private static final String SENDER = "trigger@customer.example";

    MailboxServer mail = new MailboxServer();

    @AfterEach
    void stop() {
        UnreachableDatabaseBlocklist.ACTIVE.set(true);
        UnreachableDatabaseBlocklist.FAILURES.set(0);
        mail.close();
    }

    @Test
    void anUnreachableDatabaseIsNotALostConnection() throws Exception {
        GreenMailUser mailbox = mail.mailbox(SUPPORT, "mailbox-password");
        for (int i = 0; i < 6; i++) {
            String from = i == 2 ? SENDER : "c" + i + "@customer.example";
            mail.append(mailbox, "INBOX", MailboxServer.customerMail(from, SUPPORT, "m-" + i + "@customer.example", "Question " + i,
                    "Please help with " + i, List.of()));
        }
        Map<String, Object> props = new HashMap<>(TestDatabase.newDatabase());
        props.putAll(mail.syncProperties());
        props.put("postline.sync.batch-size", "10");
        props.put("postline.sync.max-backoff", "1s");
        props.put("postline.sync.network-max-backoff", "1s");
        props.put("postline.lifecycle.failures-before-lost", "1"); // any failure counted would show at once
        props.put("test.database-unavailable-for-sender", SENDER);
        props.put("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        props.put("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        props.put("postline.security.password-iterations", "1000");
        props.put("postline.data-dir", Files.createTempDirectory(Path.of("target"), "dbdown-").toAbsolutePath().toString());
        try (ApplicationContext context = ApplicationContext.run(props)) {
            TenantId tenant = context.getBean(TenantService.class).create(new TenantService.NewTenant("dbdown", "Db Down Inc",
                    new UserService.NewUser("admin@dbdown.example.com", "Admin", Role.ADMIN, "admin-password-1"))).tenant().tenantId();
            Map<String, String> settings = mail.touchpointSettings(SUPPORT);
            settings.put("initialImportDays", "1");
            TouchpointService touchpoints = context.getBean(TouchpointService.class);
            UUID touchpoint = touchpoints.create(tenant, new TouchpointService.NewTouchpoint(SUPPORT, "Support", "imap", Direction.BOTH,
                    true, List.of(), settings)).touchpoint().id();
            touchpoints.setPassword(tenant, touchpoint, new TouchpointService.CredentialUpdate("mailbox-password"));
            context.getBean(SyncSupervisor.class).start();

            Eventually.await("the sync to meet the unreachable database three times", Duration.ofSeconds(30),
                    () -> UnreachableDatabaseBlocklist.FAILURES.get() >= 3);
            assertThat(stored(context, tenant, touchpoint)).as("nothing of the batch stored, nor retried one by one").isZero();
            assertThat(states(context, tenant, touchpoint)).as("connection states so far").doesNotContain(ConnectionState.CONNECTION_LOST);

            UnreachableDatabaseBlocklist.ACTIVE.set(false);
            Eventually.await("all six once the database answers", Duration.ofSeconds(30), () -> {
                long n = stored(context, tenant, touchpoint);
                assertThat(n).as("never more than delivered").isLessThanOrEqualTo(6);
                return n == 6;
            });
            assertThat(states(context, tenant, touchpoint)).doesNotContain(ConnectionState.CONNECTION_LOST);
        }
    }

    private static List<ConnectionState> states(ApplicationContext context, TenantId tenant, UUID touchpoint) {
        return context.getBean(ConnectionStates.class).history(tenant, touchpoint).stream().map(StateChange::toState).toList();
    }

    private static long stored(ApplicationContext context, TenantId tenant, UUID touchpoint) {
        return context.getBean(TenantTransactions.class).read(tenant,
                () -> context.getBean(MailMessageRepository.class).countByTenantIdAndTouchpointId(tenant.value(), touchpoint));
    }
}
