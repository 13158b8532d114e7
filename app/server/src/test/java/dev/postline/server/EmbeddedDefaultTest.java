package dev.postline.server;

import dev.postline.server.support.NotInThePostgresPass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.tenant.TenantService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.LoginService;
import dev.postline.core.conversation.ConversationQuery;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.sync.SyncSupervisor;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.server.demo.DemoMailSender;
import dev.postline.server.demo.SandboxMailbox;
import dev.postline.server.support.Eventually;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The no-configuration start: H2 in the data folder, generated keys in owner-only files, a demo
 * tenant with an admin and two agents in two ring groups, and all of it still there after a restart.
 */
@NotInThePostgresPass
class EmbeddedDefaultTest {

    @TempDir Path dataDir;

    @Test
    void withNothingConfiguredItIsTheEmbeddedDefault() throws Exception {
        var resolved = defaults(Map.of()).resolve();
        assertThat(resolved.embedded()).isTrue();
        assertThat(resolved.properties().get("postline.db.url").toString()).startsWith("jdbc:h2:file:" + dataDir);
        assertThat(resolved.properties()).containsEntry("micronaut.server.host", "127.0.0.1").containsEntry("postline.demo.enabled", "true");
        assertThat(resolved.properties()).as("admin notifications go to the sandbox SMTP server")
                .containsEntry("postline.notifications.smtp.host", "127.0.0.1").containsEntry("postline.notifications.smtp.port", "2525");
        for (String file : new String[] {"vault-keyset.json", "jwt-secret"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file)))).as(file).isEqualTo("rw-------");
        }
        var again = defaults(Map.of()).resolve();
        assertThat(again.properties().get("postline.security.jwt-secret")).isEqualTo(resolved.properties().get("postline.security.jwt-secret"));
    }

    @Test
    void aConfiguredDatabaseIsNotTheEmbeddedDefault() {
        var resolved = defaults(Map.of("POSTLINE_DB_URL", "jdbc:postgresql://db/postline")).resolve();
        assertThat(resolved.embedded()).isFalse();
        assertThat(resolved.properties()).doesNotContainKeys("postline.db.url", "postline.demo.enabled", "micronaut.server.host",
                "postline.notifications.smtp.host");
    }

    @Test
    void theDemoTenantIsSeededOnceAndEverythingSurvivesARestart() throws Exception {
        Map<String, Object> props = embeddedProperties();
        try (ApplicationContext first = ApplicationContext.run(props)) {
            var tenant = first.getBean(TenantService.class).findBySlug(DemoLogins.TENANT).orElseThrow();
            var users = first.getBean(UserService.class).list(tenant.tenantId());
            assertThat(users).extracting(u -> u.role()).containsExactlyInAnyOrder(Role.ADMIN, Role.AGENT, Role.AGENT);
            assertThat(first.getBean(TouchpointService.class).list(tenant.tenantId())).extracting(t -> t.touchpoint().address())
                    .containsExactly(SandboxMailbox.ADDRESS);
            var groups = first.getBean(RingGroupService.class).list(tenant.tenantId());
            assertThat(groups).hasSize(2);
            for (var group : groups) {
                assertThat(first.getBean(RingGroupService.class).memberIds(tenant.tenantId(), group.id())).hasSize(1);
            }
            first.getBean(RingGroupService.class).create(tenant.tenantId(), new RingGroupService.NewRingGroup("Added later", null));
            assertThat(first.getBean(LoginService.class).login(DemoLogins.TENANT, DemoLogins.ADMIN_EMAIL, DemoLogins.PASSWORD)).isPresent();
        }
        try (ApplicationContext second = ApplicationContext.run(props)) {
            var tenant = second.getBean(TenantService.class).findBySlug(DemoLogins.TENANT).orElseThrow();
            assertThat(second.getBean(RingGroupService.class).list(tenant.tenantId())).extracting(g -> g.name())
                    .containsExactly("Added later", "Billing", "Technical support");
            assertThat(second.getBean(UserService.class).list(tenant.tenantId())).hasSize(3);
        }
    }

    @Test
    void everyDemoLoginInTheBannerSignsInAndOnlyWithItsPassword() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(embeddedProperties())) {
            LoginService logins = context.getBean(LoginService.class);
            for (String email : List.of(DemoLogins.ADMIN_EMAIL, DemoLogins.AGENT1_EMAIL, DemoLogins.AGENT2_EMAIL)) {
                assertThat(logins.login(DemoLogins.TENANT, email, DemoLogins.PASSWORD)).as(email).isPresent();
                assertThat(logins.login(DemoLogins.TENANT, email, DemoLogins.PASSWORD + "!")).as(email).isEmpty();
            }
            assertThat(logins.login(null, DemoLogins.OPERATOR_EMAIL, DemoLogins.OPERATOR_PASSWORD)).isPresent();
            assertThat(logins.login(null, DemoLogins.OPERATOR_EMAIL, DemoLogins.PASSWORD)).isEmpty();
        }
    }

    @Test
    void aDemoUserWhoChangesTheSharedDemoPasswordChangesOnlyTheirOwn() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(embeddedProperties())) {
            var tenant = context.getBean(TenantService.class).findBySlug(DemoLogins.TENANT).orElseThrow().tenantId();
            UserService users = context.getBean(UserService.class);
            var agent1 = users.findForLogin(tenant, DemoLogins.AGENT1_EMAIL).orElseThrow();

            users.update(tenant, agent1.id(), new UserService.UserChanges(null, null, null, "agent-one-own-password"));

            LoginService logins = context.getBean(LoginService.class);
            assertThat(logins.login(DemoLogins.TENANT, DemoLogins.AGENT1_EMAIL, "agent-one-own-password")).isPresent();
            assertThat(logins.login(DemoLogins.TENANT, DemoLogins.AGENT1_EMAIL, DemoLogins.PASSWORD)).isEmpty();
            assertThat(logins.login(DemoLogins.TENANT, DemoLogins.AGENT2_EMAIL, DemoLogins.PASSWORD)).isPresent();
            assertThat(logins.login(DemoLogins.TENANT, DemoLogins.ADMIN_EMAIL, DemoLogins.PASSWORD)).isPresent();
            assertThat(logins.login(DemoLogins.TENANT, DemoLogins.ADMIN_EMAIL, "agent-one-own-password")).isEmpty();
        }
    }

    @Test
    void mailSentToTheSandboxLandsInTheBillingQueue() throws Exception {
        Map<String, Object> props = embeddedProperties();
        try (ApplicationContext context = ApplicationContext.run(props)) {
            context.getBean(SyncSupervisor.class).start();
            var tenant = context.getBean(TenantService.class).findBySlug(DemoLogins.TENANT).orElseThrow().tenantId();
            var touchpoint = context.getBean(TouchpointService.class).list(tenant).getFirst().touchpoint().id();
            Eventually.await("the sandbox touchpoint to connect", Duration.ofSeconds(20), () -> context.getBean(TouchpointService.class)
                    .get(tenant, touchpoint).touchpoint().connectionState() == ConnectionState.CONNECTED);

            assertThat(DemoMailSender.run(new String[] {"--port", props.get("postline.demo.smtp-port").toString(), "--subject", "Refund please"},
                    System.out, System.err)).isZero();

            var agent = context.getBean(UserService.class).findForLogin(tenant, DemoLogins.AGENT1_EMAIL).orElseThrow();
            var billing = context.getBean(RingGroupService.class).list(tenant).stream().filter(g -> g.name().equals("Billing")).findFirst().orElseThrow();
            Viewer agent1 = new Viewer(tenant, agent.id(), false, Set.of(billing.id()), Set.of(Role.AGENT));
            var queue = Eventually.await("the mail in the Billing queue", Duration.ofSeconds(20), () -> {
                var items = context.getBean(ConversationService.class).list(agent1, ConversationQuery.of(null, null, null, null, null, null, null, null)).items();
                return items.isEmpty() ? null : items;
            });
            assertThat(queue).extracting(c -> c.subject()).containsExactly("Refund please");
        }
    }

    /** The embedded default in a temp folder, with free sandbox ports and a cheap password hash. */
    private Map<String, Object> embeddedProperties() throws Exception {
        Map<String, Object> props = new HashMap<>(defaults(Map.of()).resolve().properties());
        props.put("postline.security.password-iterations", "1000");
        int smtp = freePort();
        int imap = freePort();
        props.put("postline.demo.smtp-port", smtp);
        props.put("postline.demo.imap-port", imap);
        props.put("postline.sync.extra-ports", imap + "," + smtp);
        props.put("postline.sync.rescan-interval", "200ms");
        return props;
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private EmbeddedDefaults defaults(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(config);
        all.put("POSTLINE_DATA_DIR", dataDir.toString());
        return new EmbeddedDefaults(all::get);
    }
}
