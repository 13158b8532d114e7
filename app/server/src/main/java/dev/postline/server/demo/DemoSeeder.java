package dev.postline.server.demo;

import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.user.Role;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.UserService;
import java.util.List;
import java.util.Map;
import dev.postline.server.DemoLogins;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the demo tenant on the first embedded start: an admin and two agents in two ring
 * groups, and the sandbox mailbox connected as an IMAP touchpoint routed to Billing. Later starts find it and leave it (and whatever the user changed) alone.
 */
@Context
@Requires(property = "postline.demo.enabled", value = "true")
public class DemoSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

    private final TenantService tenants;
    private final UserService users;
    private final RingGroupService groups;
    private final TouchpointService touchpoints;
    private final SandboxMailbox sandbox;

    public DemoSeeder(TenantService tenants, UserService users, RingGroupService groups, TouchpointService touchpoints,
                      SandboxMailbox sandbox) {
        this.tenants = tenants;
        this.users = users;
        this.groups = groups;
        this.touchpoints = touchpoints;
        this.sandbox = sandbox;
    }

    @PostConstruct
    void seed() {
        if (tenants.findBySlug(DemoLogins.TENANT).isPresent()) {
            return;
        }
        var created = tenants.create(new TenantService.NewTenant(DemoLogins.TENANT, "Demo Company",
                new UserService.NewUser(DemoLogins.ADMIN_EMAIL, "Ada Admin", Role.ADMIN, DemoLogins.PASSWORD)));
        TenantId tenant = created.tenant().tenantId();
        var billing = groups.create(tenant, new RingGroupService.NewRingGroup("Billing", "Invoices, refunds, payment questions"));
        var technical = groups.create(tenant, new RingGroupService.NewRingGroup("Technical support", "Product problems"));
        // All demo users have the same public password (the banner prints it): one slow hash for the three, not
        // three (~0.3 s each of the first start). A password changed later is hashed anew, with its own salt.
        var admin = created.admin();
        var agent1 = users.createWithHashOf(tenant, new UserService.NewUser(DemoLogins.AGENT1_EMAIL, "Alex Agent", Role.AGENT,
                DemoLogins.PASSWORD), admin);
        var agent2 = users.createWithHashOf(tenant, new UserService.NewUser(DemoLogins.AGENT2_EMAIL, "Sam Agent", Role.AGENT,
                DemoLogins.PASSWORD), admin);
        groups.addMember(tenant, billing.id(), agent1.id());
        groups.addMember(tenant, technical.id(), agent2.id());
        var support = touchpoints.create(tenant, new TouchpointService.NewTouchpoint(SandboxMailbox.ADDRESS, "Demo support",
                "imap", Direction.BOTH, true, List.of(billing.id()), Map.of("preset", "custom", "imapHost", "127.0.0.1",
                "imapPort", Integer.toString(sandbox.imapPort()), "imapTls", "plain", "smtpHost", "127.0.0.1",
                "smtpPort", Integer.toString(sandbox.smtpPort()), "smtpTls", "plain", "username", SandboxMailbox.ADDRESS)));
        touchpoints.setPassword(tenant, support.touchpoint().id(), new TouchpointService.CredentialUpdate(SandboxMailbox.PASSWORD));
        LOG.info("Created the demo tenant '{}': an admin, two agents in two ring groups, and the sandbox touchpoint", DemoLogins.TENANT);
    }
}
