package dev.postline.server.outbound;

import dev.postline.core.conversation.Viewer;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.outbound.ComposeRequest;
import dev.postline.core.outbound.ReplyService;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import dev.postline.server.support.KillableChild;
import dev.postline.server.support.MailboxServer;
import io.micronaut.context.ApplicationContext;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * The Postline process {@link OutboxKillFaultTest} starts, kills with SIGKILL and starts again: the
 * application on a file database with the properties in {@code args[1]}. {@code seed}: writes a
 * tenant, an IMAP touchpoint and a burst of agent replies (outbox off), then exits. {@code send}: works
 * the outbox until it is killed. {@code drain}: works it until no reply is queued or sending, then exits
 * (0; 2 when that takes over three minutes), so the test reads the database only when no child holds it.
 */
public final class OutboxChild {

    private OutboxChild() {}

    public static void main(String[] args) throws Exception {
        Properties file = new Properties();
        Map<String, Object> props = KillableChild.load(args, file);
        if (args[0].equals("seed")) {
            props.put("postline.outbox.enabled", "false");
            try (ApplicationContext context = ApplicationContext.run(props)) {
                seed(context, file);
            }
            System.exit(0);
        }
        ApplicationContext context = ApplicationContext.run(props);
        if (args[0].equals("drain")) {
            boolean settled;
            try {
                settled = drain(file.getProperty("postline.db.url"));
            } catch (Exception e) {
                e.printStackTrace();
                settled = false;
            }
            System.out.println("drain finished, settled=" + settled);
            Runtime.getRuntime().halt(settled ? 0 : 2); // everything is recorded; no need to wait for a graceful stop
        }
        Thread.currentThread().join(); // until killed
    }

    private static boolean drain(String dbUrl) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            try (var c = java.sql.DriverManager.getConnection(dbUrl, "sa", "");
                 var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM outbox WHERE status IN ('QUEUED', 'SENDING')")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return true;
                }
            }
            Thread.sleep(200);
        }
        try (var c = java.sql.DriverManager.getConnection(dbUrl, "sa", "");
             var rs = c.createStatement().executeQuery("SELECT status, attempts, next_attempt_at, last_error FROM outbox "
                     + "WHERE status IN ('QUEUED', 'SENDING')")) {
            while (rs.next()) {
                System.out.println("unsettled: " + rs.getString(1) + " attempts=" + rs.getInt(2) + " next=" + rs.getTimestamp(3)
                        + " error=" + rs.getString(4));
            }
        }
        return false;
    }

    private static void seed(ApplicationContext context, Properties file) {
        String support = file.getProperty("test.support");
        var created = context.getBean(TenantService.class).create(new TenantService.NewTenant("kill", "Kill Inc",
                new UserService.NewUser("admin@kill.example.com", "Admin", Role.ADMIN, "admin-password-1")));
        var tenant = created.tenant().tenantId();
        UUID admin = created.admin().id();
        Map<String, String> settings = new HashMap<>(Map.of("preset", "custom", "imapHost", "127.0.0.1",
                "imapPort", file.getProperty("test.imap-port"), "imapTls", "plain", "smtpHost", "127.0.0.1",
                "smtpPort", file.getProperty("test.smtp-port"), "smtpTls", "plain", "username", support, "folder", "INBOX"));
        settings.put("appendToSent", file.getProperty("test.append-to-sent"));
        settings.put("readTimeoutSeconds", "60");
        TouchpointService touchpoints = context.getBean(TouchpointService.class);
        UUID touchpoint = touchpoints.create(tenant, new TouchpointService.NewTouchpoint(support, "Support", "imap", Direction.BOTH,
                true, List.of(), settings)).touchpoint().id();
        touchpoints.setPassword(tenant, touchpoint, new TouchpointService.CredentialUpdate("mailbox-password"));
        IngestionPipeline ingest = context.getBean(IngestionPipeline.class);
        ReplyService replies = context.getBean(ReplyService.class);
        Viewer viewer = new Viewer(tenant, admin, true, Set.of(), Set.of(Role.ADMIN));
        int burst = Integer.parseInt(file.getProperty("test.burst"));
        for (int i = 0; i < burst; i++) {
            String customer = "customer" + i + "@customer.example";
            String question = MailboxServer.customerMail(customer, support, "q-" + i + "@customer.example", "Question " + i,
                    "Please help.", List.of());
            UUID conversation = ingest.ingest(tenant, touchpoint,
                    new InboundMail("q-" + i, question.getBytes(StandardCharsets.UTF_8), null)).conversationId();
            replies.reply(viewer, admin, conversation, new ComposeRequest(null, null, null, null, "Answer " + i, null, null, null));
        }
    }
}
