package dev.postline.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.connectors.tck.FaultyLink;
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
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing twice, when things break: the process dies between storing and
 * committing, the IMAP connection drops in the middle of a batch, the folder's UIDVALIDITY
 * changes. Each case ends with a restart on the same database and mailbox, and counts.
 */
class ExactlyOnceTest {

    private static final String SUPPORT = "support@once.example.com";
    private static final String FOLDER = "Support";

    MailboxServer mail;
    GreenMailUser mailbox;
    FaultyLink link;
    Map<String, Object> props;
    TenantId tenant;
    UUID touchpoint;

    @BeforeEach
    void servers() throws Exception {
        mail = new MailboxServer();
        mailbox = mail.mailbox(SUPPORT, "mailbox-password");
        link = new FaultyLink(new InetSocketAddress("127.0.0.1", mail.imapPort()));
        props = new HashMap<>(TestDatabase.newDatabase());
        props.putAll(mail.syncProperties());
        props.put("postline.sync.extra-ports", link.port() + "," + mail.smtpPort());
        props.put("postline.sync.batch-size", "10");
        props.put("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        props.put("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        props.put("postline.security.password-iterations", "1000");
        props.put("postline.data-dir", Files.createTempDirectory(Path.of("target"), "once-").toAbsolutePath().toString());
    }

    @AfterEach
    void stop() {
        link.close();
        mail.close();
    }

    @Test
    void aCrashBetweenStoringAndCommittingLosesNothingAndStoresNothingTwice() {
        appendMessages(0, 30, 1_000);
        // Batches of 10, each one transaction with its cursor: the crash hits the second batch's commit.
        try (ApplicationContext first = start(Map.of("test.crash-at-advance", "2"))) {
            createTouchpoint(first);
            Eventually.await("the simulated crash", Duration.ofSeconds(30), () -> CrashingCursorWriter.CRASHES.get() > 0);
            assertThat(stored(first)).as("committed before the crash: the first batch, none of the second").isEqualTo(10);
        }
        try (ApplicationContext second = start(Map.of())) {
            awaitStored(second, 30);
            appendMessages(30, 5, 1_000);
            awaitStored(second, 35);
            settle();
            assertThat(stored(second)).isEqualTo(35);
        }
    }

    @Test
    void aConnectionDroppedMidBatchLosesNothingAndRepeatsNothing() {
        // 30 × ~8 KB cannot pass a link that is cut after 40 KB: the first pull is certainly interrupted.
        appendMessages(0, 30, 8_000);
        link.cutAfterServerBytes(40_000);
        try (ApplicationContext first = start(Map.of())) {
            createTouchpoint(first);
            awaitStored(first, 30);
        }
        try (ApplicationContext second = start(Map.of())) {
            appendMessages(30, 3, 8_000);
            awaitStored(second, 33);
            settle();
            assertThat(stored(second)).isEqualTo(33);
        }
    }

    @Test
    void aUidValidityChangeReconcilesWithoutDuplicates() {
        appendMessages(0, 10, 1_000);
        try (ApplicationContext context = start(Map.of())) {
            createTouchpoint(context);
            awaitStored(context, 10);
            mail.recreateFolder(mailbox, FOLDER); // new UIDVALIDITY: every stored UID is void
            appendMessages(0, 12, 1_000);         // the same ten again (as a server rebuild would), and two new
            awaitStored(context, 12);
            settle();
            assertThat(stored(context)).isEqualTo(12);
        }
    }

    private ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> all = new HashMap<>(props);
        all.putAll(extra);
        ApplicationContext context = ApplicationContext.run(all);
        context.getBean(SyncSupervisor.class).start();
        return context;
    }

    private void createTouchpoint(ApplicationContext context) {
        var created = context.getBean(TenantService.class).create(new TenantService.NewTenant("once", "Once Inc",
                new UserService.NewUser("admin@once.example.com", "Admin", Role.ADMIN, "admin-password-1")));
        tenant = created.tenant().tenantId();
        Map<String, String> settings = mail.touchpointSettings(SUPPORT);
        settings.put("imapPort", Integer.toString(link.port()));
        settings.put("folder", FOLDER);
        settings.put("initialImportDays", "1"); // the mail is already there: import it
        TouchpointService touchpoints = context.getBean(TouchpointService.class);
        touchpoint = touchpoints.create(tenant, new TouchpointService.NewTouchpoint(SUPPORT, "Support", "imap", Direction.BOTH,
                true, List.of(), settings)).touchpoint().id();
        touchpoints.setPassword(tenant, touchpoint, new TouchpointService.CredentialUpdate("mailbox-password"));
    }

    private void appendMessages(int from, int count, int bodySize) {
        for (int i = from; i < from + count; i++) {
            mail.append(mailbox, FOLDER, MailboxServer.customerMail("c" + i + "@customer.example", SUPPORT,
                    "m-" + i + "@customer.example", "Question " + i, "x".repeat(bodySize), List.of()));
        }
    }

    private long stored(ApplicationContext context) {
        return context.getBean(TenantTransactions.class).read(tenant,
                () -> context.getBean(MailMessageRepository.class).countByTenantIdAndTouchpointId(tenant.value(), touchpoint));
    }

    private void awaitStored(ApplicationContext context, long expected) {
        Eventually.await(expected + " stored messages", Duration.ofSeconds(40), () -> {
            long n = stored(context);
            assertThat(n).as("never more than delivered").isLessThanOrEqualTo(expected);
            return n == expected;
        });
    }

    /** Gives a loop that would wrongly store something again the time to do it. */
    private static void settle() {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
