package dev.postline.server;

import dev.postline.core.notification.NotificationSettings;
import dev.postline.core.notification.RelaySettings;
import dev.postline.core.sync.SyncSettings;
import dev.postline.server.demo.SandboxMailbox;
import io.micronaut.context.ApplicationContext;

/**
 * Starts the application context exactly as {@link Application#main} builds it — from this
 * process's real environment variables and command line — and prints the settings the beans ended
 * up with, one {@code name=value} per line. Run in a child JVM by {@link EmbeddedSettingsPrecedenceTest}.
 */
public final class SettingsProbe {

    public static void main(String[] args) {
        EmbeddedDefaults.Resolved resolved = EmbeddedDefaults.fromEnvironment().resolve();
        try (ApplicationContext context = Application.builder(args, resolved).build().start()) {
            SyncSettings sync = context.getBean(SyncSettings.class);
            RelaySettings relay = context.getBean(RelaySettings.class);
            System.out.println("sync.extra-ports=" + sync.getExtraPorts());
            System.out.println("sync.allow-private-networks=" + sync.isAllowPrivateNetworks());
            System.out.println("sync.reconcile-interval=" + sync.getReconcileInterval());
            System.out.println("notifications.smtp.host=" + relay.getHost());
            System.out.println("notifications.smtp.port=" + relay.getPort());
            System.out.println("notifications.smtp.from=" + relay.getFrom());
            System.out.println("notifications.admin-base-url=" + context.getBean(NotificationSettings.class).getAdminBaseUrl());
            System.out.println("server.host=" + context.getProperty("micronaut.server.host", String.class).orElse(""));
            System.out.println("security.secure-cookie=" + context.getProperty("postline.security.secure-cookie", String.class).orElse(""));
            System.out.println("operator.email=" + context.getProperty("postline.operator.email", String.class).orElse(""));
            context.findBean(SandboxMailbox.class).ifPresent(sandbox ->
                    System.out.println("sandbox.ports=" + sandbox.smtpPort() + "," + sandbox.imapPort()));
            System.out.println("demo=" + context.getProperty("postline.demo.enabled", String.class).orElse(""));
            System.out.flush();
        }
        // Closing the context is enough in production; here nothing may keep the probe alive.
        System.exit(0);
    }
}
