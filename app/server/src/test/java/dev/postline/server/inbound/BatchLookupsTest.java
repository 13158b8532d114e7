package dev.postline.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.ingest.BlocklistService;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.ingest.QueueRouter;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import dev.postline.core.vault.VaultKeysets;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch's transaction reads once what every message of it needs (which provider ids are known, which
 * senders are blocked, where new conversations go): the outcome must be what storing the messages one
 * by one gives — including a provider id seen again later in the same batch, and a blocklist matched by
 * address or by domain — and conversation numbers that follow on from the batch.
 */
class BatchLookupsTest {

    private static final String SUPPORT = "support@lookups.example.com";

    MailboxServer mail = new MailboxServer();

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void aBatchIsStoredAsItsMessagesWouldBeOneByOne() throws Exception {
        Map<String, Object> props = new HashMap<>(TestDatabase.newDatabase());
        props.putAll(mail.syncProperties());
        props.put("postline.sync.enabled", "false");
        props.put("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        props.put("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        props.put("postline.security.password-iterations", "1000");
        props.put("postline.data-dir", Files.createTempDirectory(Path.of("target"), "lookups-").toAbsolutePath().toString());
        try (ApplicationContext context = ApplicationContext.run(props)) {
            TenantId tenant = context.getBean(TenantService.class).create(new TenantService.NewTenant("lookups", "Lookups Inc",
                    new UserService.NewUser("admin@lookups.example.com", "Admin", Role.ADMIN, "admin-password-1"))).tenant().tenantId();
            UUID ringGroup = context.getBean(RingGroupService.class).create(tenant, new RingGroupService.NewRingGroup("Support", null)).id();
            UUID touchpoint = context.getBean(TouchpointService.class).create(tenant, new TouchpointService.NewTouchpoint(SUPPORT,
                    "Support", "imap", Direction.BOTH, true, List.of(ringGroup), mail.touchpointSettings(SUPPORT))).touchpoint().id();
            BlocklistService blocklist = context.getBean(BlocklistService.class);
            blocklist.add(tenant, touchpoint, new BlocklistService.NewEntry("@blocked.example", null));
            blocklist.add(tenant, touchpoint, new BlocklistService.NewEntry("spammer@elsewhere.example", null));
            IngestionPipeline pipeline = context.getBean(IngestionPipeline.class);
            IngestOutcome earlier = pipeline.ingest(tenant, touchpoint, inbound("1:1", "a@customer.example", "m-1"));
            assertThat(earlier.kind()).isEqualTo(IngestOutcome.Kind.STORED);

            List<IngestOutcome> outcomes = pipeline.ingestBatch(tenant, touchpoint, List.of(
                    inbound("1:1", "a@customer.example", "m-1"),               // stored before this batch
                    inbound("1:2", "b@customer.example", "m-2"),
                    inbound("1:2", "b@customer.example", "m-2"),               // the same provider id again, in the batch
                    inbound("1:3", "x@blocked.example", "m-3"),                // blocked by domain
                    inbound("1:4", "Spammer@Elsewhere.example", "m-4"),        // blocked by address, any case
                    inbound("1:5", "c@customer.example", "m-5")));

            assertThat(outcomes).extracting(IngestOutcome::kind).containsExactly(IngestOutcome.Kind.DUPLICATE,
                    IngestOutcome.Kind.STORED, IngestOutcome.Kind.DUPLICATE, IngestOutcome.Kind.STORED,
                    IngestOutcome.Kind.STORED, IngestOutcome.Kind.STORED);
            assertThat(outcomes.get(0).reason()).contains("provider id");
            assertThat(outcomes.get(2).reason()).contains("provider id");
            TenantTransactions tx = context.getBean(TenantTransactions.class);
            ConversationRepository conversations = context.getBean(ConversationRepository.class);
            QueueRouter router = context.getBean(QueueRouter.class);
            // Conversation numbers: counted in memory within the batch, the counter written once.
            long first = tx.read(tenant, () -> conversations.findByTenantIdAndId(tenant.value(), earlier.conversationId())).orElseThrow().number();
            IngestOutcome after = pipeline.ingest(tenant, touchpoint, inbound("1:6", "d@customer.example", "m-6"));
            List<Long> numbers = java.util.stream.Stream.of(outcomes.get(1), outcomes.get(3), outcomes.get(4), outcomes.get(5), after)
                    .map(o -> tx.read(tenant, () -> conversations.findByTenantIdAndId(tenant.value(), o.conversationId())).orElseThrow().number())
                    .toList();
            assertThat(numbers).containsExactly(first + 1, first + 2, first + 3, first + 4, first + 5);
            for (int i : new int[] {1, 3, 4, 5}) {
                UUID conversation = outcomes.get(i).conversationId();
                boolean blocked = i == 3 || i == 4;
                assertThat(tx.read(tenant, () -> conversations.findByTenantIdAndId(tenant.value(), conversation)).orElseThrow().blocked())
                        .as("message %d blocked", i).isEqualTo(blocked);
                assertThat(tx.read(tenant, () -> router.queueOf(tenant, conversation)))
                        .as("queue of message %d", i).isEqualTo(blocked ? java.util.Set.of() : java.util.Set.of(ringGroup));
            }
        }
    }

    private static InboundMail inbound(String providerId, String from, String messageId) {
        String raw = MailboxServer.customerMail(from, SUPPORT, messageId + "@customer.example", "Question " + messageId,
                "Please help with " + messageId, List.of());
        return new InboundMail(providerId, raw.getBytes(StandardCharsets.UTF_8), null);
    }
}
