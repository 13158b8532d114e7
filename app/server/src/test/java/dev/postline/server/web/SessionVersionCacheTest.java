package dev.postline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.user.UserRepository;
import dev.postline.server.support.Http;
import dev.postline.server.support.MutableClock;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With several nodes, the database is the truth and a node's cache only bounds how stale it may be
 * (#13 item 10): a session ended by another node (its write reaches the database, not this node's
 * cache) is refused here once the configured cache time has passed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionVersionCacheTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject MutableClock clock;
    @Inject UserRepository users;
    @Inject TenantTransactions tx;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("test.mutable-clock", "true", "postline.security.session-check-cache", "5s");
    }

    @Test
    void aSessionEndedOnAnotherNodeIsRefusedHereWithinTheCacheTime() {
        Http http = new Http(server.getURI(), json);
        TenantFixture t = TenantFixture.create(http, "cluster");
        assertThat(http.get("/api/v1/auth/me", t.agent()).status()).isEqualTo(200);

        // What another node's sign-out writes: the version in the database, not this node's cache.
        TenantId tenant = TenantId.parse(t.tenantId());
        tx.write(tenant, () -> users.updateSessionVersionIncrement(tenant.value(), UUID.fromString(t.agentId())));
        clock.advance(Duration.ofSeconds(6));

        assertThat(http.get("/api/v1/auth/me", t.agent()).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/auth/me", t.admin()).status()).as("another user of the tenant").isEqualTo(200);
    }
}
