package dev.postline.server.inbound;

import dev.postline.core.sync.SyncSupervisor;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import dev.postline.server.support.KillableChild;
import io.micronaut.context.ApplicationContext;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The Postline process {@link IngestKillFaultTest} starts, kills with SIGKILL and starts again: the
 * application on a file database with the properties in {@code args[1]}. {@code seed}: creates the tenant
 * and the IMAP touchpoint (sync off), then exits. {@code sync}: imports until killed, printing
 * {@code stored N} lines as the count grows. {@code drain}: imports until {@code test.expected} messages
 * are stored, waits a little for a repeat that should not come, and exits 0 (3 when more were stored, 2 when
 * the count was not reached within three minutes).
 */
public final class IngestChild {

    private IngestChild() {}

    public static void main(String[] args) throws Exception {
        Properties file = new Properties();
        Map<String, Object> props = KillableChild.load(args, file);
        if (args[0].equals("seed")) {
            props.put("postline.sync.enabled", "false");
            try (ApplicationContext context = ApplicationContext.run(props)) {
                seed(context, file);
            }
            System.exit(0);
        }
        ApplicationContext context = ApplicationContext.run(props);
        context.getBean(SyncSupervisor.class).start();
        String url = file.getProperty("postline.db.url");
        long expected = Long.parseLong(file.getProperty("test.expected"));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        long last = -1;
        while (System.nanoTime() < deadline) {
            long stored = stored(url);
            if (stored != last) {
                System.out.println("stored " + stored);
                System.out.flush();
                last = stored;
            }
            if (args[0].equals("drain") && stored >= expected) {
                Thread.sleep(1_500); // a loop that would wrongly store something again gets the time to do it
                long settled = stored(url);
                System.out.println("drain finished, stored " + settled);
                Runtime.getRuntime().halt(settled == expected ? 0 : 3);
            }
            Thread.sleep(10);
        }
        Runtime.getRuntime().halt(2);
    }

    private static long stored(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM mail_message")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void seed(ApplicationContext context, Properties file) {
        String support = file.getProperty("test.support");
        var created = context.getBean(TenantService.class).create(new TenantService.NewTenant("killed", "Killed Inc",
                new UserService.NewUser("admin@killed.example.com", "Admin", Role.ADMIN, "admin-password-1")));
        Map<String, String> settings = new HashMap<>(Map.of("preset", "custom", "imapHost", "127.0.0.1",
                "imapPort", file.getProperty("test.imap-port"), "imapTls", "plain", "smtpHost", "127.0.0.1",
                "smtpPort", file.getProperty("test.smtp-port"), "smtpTls", "plain", "username", support, "folder", "INBOX"));
        settings.put("initialImportDays", "3650"); // the mail is already there: import all of it
        TouchpointService touchpoints = context.getBean(TouchpointService.class);
        UUID touchpoint = touchpoints.create(created.tenant().tenantId(), new TouchpointService.NewTouchpoint(support, "Support",
                "imap", Direction.BOTH, true, List.of(), settings)).touchpoint().id();
        touchpoints.setPassword(created.tenant().tenantId(), touchpoint, new TouchpointService.CredentialUpdate("mailbox-password"));
    }
}
