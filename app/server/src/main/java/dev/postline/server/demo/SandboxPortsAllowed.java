package dev.postline.server.demo;

import dev.postline.core.sync.SyncSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the demo runs, the sandbox mailbox's own ports are always allowed tenant-host ports, added to
 * whatever {@code POSTLINE_SYNC_EXTRA_PORTS} says — so setting extra ports for a self-hosted server in
 * the quick-start does not cut the demo touchpoint off its sandbox.
 */
@Singleton
@Requires(property = "postline.demo.enabled", value = "true")
final class SandboxPortsAllowed implements BeanCreatedEventListener<SyncSettings> {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxPortsAllowed.class);

    private final int smtpPort;
    private final int imapPort;

    SandboxPortsAllowed(@Value("${postline.demo.smtp-port:2525}") int smtpPort, @Value("${postline.demo.imap-port:1143}") int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    @Override
    public SyncSettings onCreated(BeanCreatedEvent<SyncSettings> event) {
        SyncSettings settings = event.getBean();
        List<Integer> ports = new ArrayList<>(settings.getExtraPorts());
        for (int port : new int[] {imapPort, smtpPort}) {
            if (port > 0 && !ports.contains(port)) {
                ports.add(port);
            }
        }
        settings.setExtraPorts(ports);
        if (!settings.isAllowPrivateNetworks()) {
            LOG.warn("The sandbox mailbox is on 127.0.0.1 but POSTLINE_SYNC_ALLOW_PRIVATE_NETWORKS=false: the demo touchpoint"
                    + " will be refused by the host policy");
        }
        return settings;
    }
}
