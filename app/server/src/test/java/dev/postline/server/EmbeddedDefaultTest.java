package dev.postline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.tenant.TenantService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.LoginService;
import io.micronaut.context.ApplicationContext;
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
class EmbeddedDefaultTest {

    @TempDir Path dataDir;

    @Test
    void withNothingConfiguredItIsTheEmbeddedDefault() throws Exception {
        var resolved = defaults(Map.of()).resolve();
        assertThat(resolved.embedded()).isTrue();
        assertThat(resolved.properties().get("postline.db.url").toString()).startsWith("jdbc:h2:file:" + dataDir);
        assertThat(resolved.properties()).containsEntry("micronaut.server.host", "127.0.0.1").containsEntry("postline.demo.enabled", "true");
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
        assertThat(resolved.properties()).doesNotContainKeys("postline.db.url", "postline.demo.enabled", "micronaut.server.host");
    }

    @Test
    void theDemoTenantIsSeededOnceAndEverythingSurvivesARestart() {
        Map<String, Object> props = new HashMap<>(defaults(Map.of()).resolve().properties());
        props.put("postline.security.password-iterations", "1000");
        try (ApplicationContext first = ApplicationContext.run(props)) {
            var tenant = first.getBean(TenantService.class).findBySlug(DemoLogins.TENANT).orElseThrow();
            var users = first.getBean(UserService.class).list(tenant.tenantId());
            assertThat(users).extracting(u -> u.role()).containsExactlyInAnyOrder(Role.ADMIN, Role.AGENT, Role.AGENT);
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

    private EmbeddedDefaults defaults(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(config);
        all.put("POSTLINE_DATA_DIR", dataDir.toString());
        return new EmbeddedDefaults(all::get);
    }
}
