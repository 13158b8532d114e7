package dev.postline.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.outbound.ComposeRequest;
import dev.postline.core.outbound.ReplyService;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The process dies while sending a reply; a new process on the same database and data folder
 * finishes the job, and the customer ends up with exactly one copy. The touchpoint copies sent mail
 * to its Sent folder, which is how the new process can tell "sent, not recorded" from "not sent".
 */
class OutboxCrashRecoveryTest {

    private static final String SUPPORT = "support@crash.example.com";
    private static final String CUSTOMER = "maria@customer.example";

    MailboxServer mail;
    Map<String, Object> props;
    TenantId tenant;
    UUID touchpoint;
    UUID adminId;

    @BeforeEach
    void servers() throws Exception {
        mail = new MailboxServer();
        mail.mailbox(SUPPORT, "mailbox-password");
        mail.mailbox(CUSTOMER, "customer-password");
        props = new HashMap<>(TestDatabase.newDatabase());
        props.put("postline.sync.enabled", "false");
        props.put("postline.sync.allow-private-networks", "true");
        props.put("postline.sync.extra-ports", mail.imapPort() + "," + mail.smtpPort());
        props.put("postline.outbox.poll-interval", "100ms");
        props.put("postline.outbox.lease", "2s");
        props.put("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        props.put("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        props.put("postline.security.password-iterations", "1000");
        props.put("postline.data-dir", Files.createTempDirectory(Path.of("target"), "outbox-crash-").toAbsolutePath().toString());
        CrashingOutboxRecorder.CRASHES.set(0);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void aCrashAfterTheServerAcceptedTheReplyButBeforeRecordingItLeavesTheCustomerExactlyOneCopy() {
        UUID messageId;
        try (ApplicationContext first = ApplicationContext.run(with("test.outbox-crash", "after-send"))) {
            messageId = reply(first);
            Eventually.await("the simulated crash after sending", Duration.ofSeconds(30), () -> CrashingOutboxRecorder.CRASHES.get() > 0);
            Eventually.await("the copy in the customer's mailbox", Duration.ofSeconds(10), () -> mail.messageCount(CUSTOMER, "INBOX") == 1);
            assertThat(status(first, messageId)).as("not recorded before the crash").isEqualTo(MailMessage.DeliveryStatus.QUEUED);
        }
        try (ApplicationContext second = ApplicationContext.run(props)) {
            Eventually.await("the reply recorded as SENT after the restart", Duration.ofSeconds(30),
                    () -> status(second, messageId) == MailMessage.DeliveryStatus.SENT);
            assertThat(mail.messageCount(CUSTOMER, "INBOX")).as("copies the customer received").isEqualTo(1);
            assertThat(mail.messageCount(SUPPORT, "Sent")).as("copies in the Sent folder").isEqualTo(1);
            assertThat(message(second, messageId).deliveryDetail()).as("recorded from the Sent folder, not resent").contains("sent before an interruption");
        }
    }

    @Test
    void aCrashBeforeTheReplyWasSentSendsItOnceAfterTheRestart() {
        UUID messageId;
        try (ApplicationContext first = ApplicationContext.run(with("test.outbox-crash", "after-claim"))) {
            messageId = reply(first);
            Eventually.await("the simulated crash after claiming", Duration.ofSeconds(30), () -> CrashingOutboxRecorder.CRASHES.get() > 0);
            assertThat(mail.messageCount(CUSTOMER, "INBOX")).as("nothing sent before the crash").isZero();
        }
        try (ApplicationContext second = ApplicationContext.run(props)) {
            Eventually.await("the reply sent and recorded after the restart", Duration.ofSeconds(30),
                    () -> status(second, messageId) == MailMessage.DeliveryStatus.SENT);
            Eventually.await("the copy in the customer's mailbox", Duration.ofSeconds(10), () -> mail.messageCount(CUSTOMER, "INBOX") == 1);
            assertThat(mail.messageCount(CUSTOMER, "INBOX")).isEqualTo(1);
            assertThat(mail.messageCount(SUPPORT, "Sent")).isEqualTo(1);
        }
    }

    private Map<String, Object> with(String key, String value) {
        Map<String, Object> all = new HashMap<>(props);
        all.put(key, value);
        return all;
    }

    /** A tenant, a touchpoint on the GreenMail mailbox with Sent-folder copies on, a customer question, and the agent's reply. */
    private UUID reply(ApplicationContext context) {
        var created = context.getBean(TenantService.class).create(new TenantService.NewTenant("crash", "Crash Inc",
                new UserService.NewUser("admin@crash.example.com", "Admin", Role.ADMIN, "admin-password-1")));
        tenant = created.tenant().tenantId();
        adminId = created.admin().id();
        Map<String, String> settings = mail.touchpointSettings(SUPPORT);
        settings.put("appendToSent", "true");
        TouchpointService touchpoints = context.getBean(TouchpointService.class);
        touchpoint = touchpoints.create(tenant, new TouchpointService.NewTouchpoint(SUPPORT, "Support", "imap", Direction.BOTH,
                true, List.of(), settings)).touchpoint().id();
        touchpoints.setPassword(tenant, touchpoint, new TouchpointService.CredentialUpdate("mailbox-password"));
        String question = MailboxServer.customerMail(CUSTOMER, SUPPORT, "q-1@customer.example", "Where is my order?", "Please help.",
                List.of());
        UUID conversation = context.getBean(IngestionPipeline.class).ingest(tenant, touchpoint,
                new InboundMail("q-1", question.getBytes(StandardCharsets.UTF_8), null)).conversationId();
        return context.getBean(ReplyService.class).reply(new Viewer(tenant, adminId, true, Set.of(), Set.of(Role.ADMIN)), adminId, conversation,
                new ComposeRequest(null, null, null, null, "It ships today.", null, null, null)).id();
    }

    private MailMessage message(ApplicationContext context, UUID id) {
        return context.getBean(TenantTransactions.class).read(tenant,
                () -> context.getBean(MailMessageRepository.class).findByTenantIdAndId(tenant.value(), id)).orElseThrow();
    }

    private MailMessage.DeliveryStatus status(ApplicationContext context, UUID id) {
        return message(context, id).deliveryStatus();
    }
}
