package dev.postline.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.token.GrantStore;
import dev.postline.core.token.OAuthGrant;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.vault.SecretRepository;
import dev.postline.core.vault.SecretStore;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Grants are sealed in the vault, bound to their tenant and touchpoint, and leave with the touchpoint. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantStoreTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject GrantStore grants;
    @Inject SecretRepository secretRows;
    @Inject TenantTransactions tx;
    @Inject SecretStore secrets;

    Http http;
    TenantFixture a;
    TenantFixture b;

    @BeforeAll
    void tenants() {
        http = new Http(server.getURI(), json);
        a = TenantFixture.create(http, "grant-a");
        b = TenantFixture.create(http, "grant-b");
    }

    @Test
    void aStoredGrantReadsBackWhole_andItsTokensAreNotInTheDatabaseInClear() {
        TenantId tenant = TenantId.parse(a.tenantId());
        UUID touchpoint = UUID.fromString(a.touchpointId());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OAuthGrant grant = new OAuthGrant(OAuthProvider.MICROSOFT, "rt-clear-canary", "at-clear-canary", now.plusSeconds(3600),
                Set.of("Mail.ReadWrite", "Mail.Send", "offline_access"), "support@grant-a.example.com", now, now);

        grants.save(tenant, touchpoint, grant);

        assertThat(grants.load(tenant, touchpoint)).contains(grant);
        var row = tx.read(tenant, () -> secretRows.findByTenantIdAndOwnerIdAndField(tenant.value(), touchpoint, GrantStore.FIELD))
                .orElseThrow();
        String stored = new String(row.ciphertext(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("rt-clear-canary").doesNotContain("at-clear-canary");
        var facts = grants.facts(tenant, touchpoint).orElseThrow();
        assertThat(facts.provider()).isEqualTo(OAuthProvider.MICROSOFT);
        assertThat(facts.mailbox()).isEqualTo("support@grant-a.example.com");
        assertThat(facts.scopes()).isEqualTo("Mail.ReadWrite Mail.Send offline_access");
        assertThat(grant.toString()).doesNotContain("canary");
    }

    @Test
    void aGrantWithAnMsalTokenCacheReadsBackWhole_andTheCacheIsSealedWithTheTokens() {
        TenantId tenant = TenantId.parse(a.tenantId());
        UUID touchpoint = UUID.fromString(a.touchpointId());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String cache = "{\"RefreshToken\":{\"k\":{\"secret\":\"rt-cache-canary\",\"credential_type\":\"RefreshToken\"}}}";
        OAuthGrant grant = new OAuthGrant(OAuthProvider.MICROSOFT, "rt-cache-canary", "at-cache-canary", now.plusSeconds(3600),
                Set.of("Mail.ReadWrite"), "support@grant-a.example.com", now, now, Optional.of(cache));

        grants.save(tenant, touchpoint, grant);

        assertThat(grants.load(tenant, touchpoint)).contains(grant);
        var row = tx.read(tenant, () -> secretRows.findByTenantIdAndOwnerIdAndField(tenant.value(), touchpoint, GrantStore.FIELD))
                .orElseThrow();
        assertThat(new String(row.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("canary").doesNotContain("RefreshToken");
        assertThat(grant.toString()).doesNotContain("canary").doesNotContain("RefreshToken");
    }

    @Test
    void aGrantSealedBeforeTokenCachesExisted_readsBackAsAGrantWithoutOne() {
        TenantId tenant = TenantId.parse(a.tenantId());
        UUID touchpoint = UUID.fromString(a.touchpointId());
        secrets.put(tenant, touchpoint, GrantStore.FIELD, "{\"version\":1,\"provider\":\"MICROSOFT\",\"refreshToken\":\"rt-v1\","
                + "\"accessToken\":\"at-v1\",\"accessExpiresAt\":\"2026-03-02T10:00:00Z\",\"scopes\":[\"Mail.ReadWrite\"],"
                + "\"mailbox\":\"support@grant-a.example.com\",\"grantedAt\":\"2026-03-01T09:00:00Z\","
                + "\"lastRefreshAt\":\"2026-03-02T09:00:00Z\"}");

        OAuthGrant read = grants.load(tenant, touchpoint).orElseThrow();

        assertThat(read.refreshToken()).isEqualTo("rt-v1");
        assertThat(read.tokenCache()).isEmpty(); // the first refresh through MSAL starts the cache
    }

    @Test
    void anotherTenantSeesNoGrantForTheSameTouchpointId() {
        TenantId tenant = TenantId.parse(a.tenantId());
        UUID touchpoint = UUID.fromString(a.touchpointId());
        Instant now = Instant.now();
        grants.save(tenant, touchpoint, new OAuthGrant(OAuthProvider.GOOGLE, "rt", "at", now.plusSeconds(60), Set.of(),
                "support@grant-a.example.com", now, now));

        assertThat(grants.load(TenantId.parse(b.tenantId()), touchpoint)).isEmpty();
        assertThat(grants.facts(TenantId.parse(b.tenantId()), touchpoint)).isEmpty();
    }

    @Test
    void deletingTheTouchpointDeletesItsGrant() {
        TenantId tenant = TenantId.parse(b.tenantId());
        var created = http.post("/api/v1/touchpoints", b.admin(), java.util.Map.of("address", "gone@grant-b.example.com",
                "displayName", "Gone", "connector", "imap", "direction", "BOTH",
                "settings", TenantFixture.imapSettings("grant-b")));
        UUID touchpoint = UUID.fromString(TenantFixture.expect(created, 201).string("id"));
        Instant now = Instant.now();
        grants.save(tenant, touchpoint, new OAuthGrant(OAuthProvider.GOOGLE, "rt", "at", now.plusSeconds(60), Set.of(),
                "gone@grant-b.example.com", now, now));

        TenantFixture.expect(http.delete("/api/v1/touchpoints/" + touchpoint, b.admin()), 204);

        assertThat(grants.load(tenant, touchpoint)).isEmpty();
        assertThat(grants.facts(tenant, touchpoint)).isEmpty();
    }
}
