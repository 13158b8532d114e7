package dev.postline.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.conversation.Attachment;
import dev.postline.core.conversation.AttachmentRepository;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.outbound.ForwardRequest;
import dev.postline.core.outbound.ReplyService;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, stored bytes: an inbound message is stored once, as it arrived. Its attachments are not
 * written again as decoded blobs; they are decoded from the raw message when asked for — byte-exact, for
 * a download and for a forward.
 */
class AttachmentsFromRawTest {

    private static final String SUPPORT = "support@raw-once.example.com";

    @Test
    void theRawMessageIsTheOnlyCopyAndAttachmentsComeOutByteExact() throws Exception {
        byte[] file = new byte[150_000];
        new Random(14).nextBytes(file);
        byte[] image = new byte[3_000];
        new Random(15).nextBytes(image);
        Path dataDir = Files.createTempDirectory(Path.of("target"), "raw-once-").toAbsolutePath();
        try (MailboxServer mail = new MailboxServer()) {
            mail.mailbox(SUPPORT, "mailbox-password");
            Map<String, Object> props = new HashMap<>(TestDatabase.newDatabase());
            props.putAll(mail.syncProperties());
            props.put("postline.sync.enabled", "false");
            props.put("postline.outbox.enabled", "false");
            props.put("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
            props.put("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
            props.put("postline.security.password-iterations", "1000");
            props.put("postline.data-dir", dataDir.toString());
            try (ApplicationContext context = ApplicationContext.run(props)) {
                var created = context.getBean(TenantService.class).create(new TenantService.NewTenant("rawonce", "Raw Once Inc",
                        new UserService.NewUser("admin@raw-once.example.com", "Admin", Role.ADMIN, "admin-password-1")));
                TenantId tenant = created.tenant().tenantId();
                UUID touchpoint = context.getBean(TouchpointService.class).create(tenant, new TouchpointService.NewTouchpoint(SUPPORT,
                        "Support", "imap", Direction.BOTH, true, List.of(), mail.touchpointSettings(SUPPORT))).touchpoint().id();
                context.getBean(TouchpointService.class).setPassword(tenant, touchpoint,
                        new TouchpointService.CredentialUpdate("mailbox-password"));

                IngestOutcome stored = context.getBean(IngestionPipeline.class).ingest(tenant, touchpoint,
                        new InboundMail("uid-1", withAttachments(file, image), null));

                assertThat(blobFiles(dataDir, tenant)).as("blobs of the tenant: the raw message alone").hasSize(1);
                Viewer admin = new Viewer(tenant, created.admin().id(), true, Set.of(), Set.of(Role.ADMIN));
                List<Attachment> files = context.getBean(TenantTransactions.class).read(tenant,
                        () -> context.getBean(AttachmentRepository.class).findByTenantIdAndMessageId(tenant.value(), stored.messageId()));
                assertThat(files).extracting(Attachment::fileName).containsExactlyInAnyOrder("manual.bin", "logo.png");
                ConversationService conversations = context.getBean(ConversationService.class);
                for (Attachment a : files) {
                    byte[] expected = a.fileName().equals("manual.bin") ? file : image;
                    assertThat(conversations.attachment(admin, stored.conversationId(), a.id()).bytes()).as(a.fileName())
                            .isEqualTo(expected);
                    assertThat(a.size()).as(a.fileName() + " size").isEqualTo(expected.length);
                }

                // A forward carries the file too: its own copy, the decoded bytes.
                var forward = context.getBean(ReplyService.class).forward(admin, created.admin().id(), stored.conversationId(),
                        new ForwardRequest(List.of("colleague@elsewhere.example"), null, null, null, "FYI", null, null, null, null));
                List<Attachment> forwarded = context.getBean(TenantTransactions.class).read(tenant,
                        () -> context.getBean(AttachmentRepository.class).findByTenantIdAndMessageId(tenant.value(), forward.id()));
                Attachment manual = forwarded.stream().filter(a -> a.fileName().equals("manual.bin")).findFirst().orElseThrow();
                assertThat(conversations.attachment(admin, stored.conversationId(), manual.id()).bytes()).isEqualTo(file);
            }
        }
    }

    private static List<Path> blobFiles(Path dataDir, TenantId tenant) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("blobs").resolve(tenant.toString()))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] withAttachments(byte[] file, byte[] image) {
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(file);
        String img = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(image);
        return ("From: Customer <customer@example.org>\r\nTo: " + SUPPORT + "\r\nSubject: The manual\r\n"
                + "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <manual-1@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                + "--outer\r\nContent-Type: multipart/related; boundary=\"inner\"\r\n\r\n"
                + "--inner\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>See <img src=\"cid:logo@x\"> and the file.</p>\r\n"
                + "--inner\r\nContent-Type: image/png; name=\"logo.png\"\r\nContent-ID: <logo@x>\r\nContent-Disposition: inline; filename=\"logo.png\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + img + "\r\n--inner--\r\n"
                + "--outer\r\nContent-Type: application/octet-stream; name=\"manual.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"manual.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "\r\n--outer--\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
