package dev.postline.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.token.GoogleOAuthSettings;
import dev.postline.core.token.GrantStore;
import dev.postline.core.token.HttpTokenEndpointClient;
import dev.postline.core.token.MicrosoftOAuthSettings;
import dev.postline.core.token.OAuthProviders;
import dev.postline.core.token.RedisTokenRefreshLock;
import dev.postline.core.token.OAuthGrant;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.TokenEndpointClient;
import dev.postline.core.token.TokenRefreshLock;
import dev.postline.core.token.TokenService;
import dev.postline.core.token.TokenSettings;
import dev.postline.core.vault.SecretRepository;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The token service against mock-oauth2-server: one instance as Google (refresh tokens kept, the plain
 * OAuth route), one as Microsoft over TLS (refresh tokens rotated on every use, old ones refused;
 * reached through MSAL, as in production). Grants come from the servers'
 * authorization-code flow; refreshes, rotations and {@code invalid_grant} for unknown tokens are the
 * servers' own answers. The providers' specific error texts (RFC 6749 §5.2 shape, PROVIDERS.md), 5xx
 * and slow answers are scripted on the same servers ({@link OAuthServer#script}). Time is a
 * {@link MutableClock}; the vault and the oauth_grant table are the application's own (H2 or PostgreSQL).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRefreshTest implements PostlineTestProperties {

    static final OAuthServer GOOGLE = new OAuthServer("google", false);
    static final OAuthServer MICROSOFT = new OAuthServer("microsoft", true, true); // over TLS: reached through MSAL
    static final OAuthServer MICROSOFT_PLAIN = new OAuthServer("microsoft", true); // the plain route, as without MSAL
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final Set<String> MS_SCOPES = Set.of("Mail.ReadWrite", "Mail.Send", "offline_access", "User.Read");

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject GrantStore grants;
    @Inject TokenEndpointClient endpoint;
    @Inject TokenRefreshLock lock;
    @Inject TokenSettings settings;
    @Inject OAuthProviders providers;
    @Inject SecretRepository secretRows;
    @Inject TenantTransactions tx;

    Http http;
    TenantFixture fixture;
    TenantId tenant;
    MutableClock clock;
    TokenService tokens;
    UUID touchpoint;

    @Override
    public Map<String, String> extraProperties() {
        return OAuthServer.platformApps(GOOGLE, MICROSOFT);
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        fixture = TenantFixture.create(http, "tok");
        tenant = TenantId.parse(fixture.tenantId());
    }

    @BeforeEach
    void freshTouchpointAndClock() {
        GOOGLE.takeRequests();
        MICROSOFT.takeRequests();
        clock = new MutableClock(START);
        tokens = new TokenService(grants, endpoint, lock, settings, clock);
        var created = http.post("/api/v1/touchpoints", fixture.admin(), Map.of("address", "box-" + UUID.randomUUID() + "@tok.example.com",
                "displayName", "OAuth box " + UUID.randomUUID(), "connector", "imap", "direction", "BOTH", "settings", TenantFixture.imapSettings("tok")));
        touchpoint = UUID.fromString(TenantFixture.expect(created, 201).string("id"));
    }

    @AfterAll
    void stop() {
        GOOGLE.shutdown();
        MICROSOFT.shutdown();
        MICROSOFT_PLAIN.shutdown();
    }

    @Test
    void microsoftRefreshesGoThroughMsal_andItsTokenCacheIsSealedInTheVaultTogetherWithTheRotatedRefreshToken() throws Exception {
        OAuthGrant consented = store(OAuthProvider.MICROSOFT, "at-old", START.minusSeconds(60)); // a grant without a cache yet

        String access = tokens.accessToken(tenant, touchpoint);

        OAuthGrant first = grants.load(tenant, touchpoint).orElseThrow();
        assertThat(first.accessToken()).isEqualTo(access);
        assertThat(first.refreshToken()).isNotEqualTo(consented.refreshToken());
        String cache = first.tokenCache().orElseThrow(() -> new AssertionError("MSAL's cache was not kept"));
        assertThat(cache).contains("\"RefreshToken\"").contains(first.refreshToken()).doesNotContain(consented.refreshToken());
        assertThat(first.toString()).doesNotContain(cache).doesNotContain(first.refreshToken()).contains("token cache <redacted>");
        assertSealed(first);

        clock.advance(Duration.ofMinutes(58));
        tokens.accessToken(tenant, touchpoint);

        OAuthGrant second = grants.load(tenant, touchpoint).orElseThrow();
        assertThat(MICROSOFT.takeRequests()).hasSize(2).last().asString().contains("refresh_token=" + first.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.tokenCache().orElseThrow()).contains(second.refreshToken()).doesNotContain(first.refreshToken());
        assertSealed(second);
    }

    @Test
    void withoutMsalMicrosoftRefreshesOnThePlainRoute_withTheV2ScopesInTheRequest() throws Exception {
        MicrosoftOAuthSettings plainMicrosoft = new MicrosoftOAuthSettings();
        plainMicrosoft.setClientId("microsoft-client-id");
        plainMicrosoft.setClientSecret("microsoft-client-secret-canary");
        plainMicrosoft.setRedirectUri("http://127.0.0.1:8080/oauth/microsoft/callback");
        plainMicrosoft.setTokenUri(MICROSOFT_PLAIN.tokenUri());
        TokenEndpointClient plain = new HttpTokenEndpointClient(new OAuthProviders(new GoogleOAuthSettings(), plainMicrosoft), json, settings);
        TokenService plainTokens = new TokenService(grants, plain, lock, settings, clock);
        String refresh = MICROSOFT_PLAIN.consent("microsoft-client-id", "microsoft-client-secret-canary");
        Instant grantedAt = START.minus(Duration.ofDays(3));
        plainTokens.storeGrant(tenant, touchpoint, new OAuthGrant(OAuthProvider.MICROSOFT, refresh, "at-stale", START.minusSeconds(1),
                MS_SCOPES, "box@tok.example.com", grantedAt, grantedAt));

        String access = plainTokens.accessToken(tenant, touchpoint);

        OAuthGrant stored = grants.load(tenant, touchpoint).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo(access);
        assertThat(stored.refreshToken()).isNotEqualTo(refresh);
        assertThat(stored.tokenCache()).isEmpty();
        assertThat(MICROSOFT_PLAIN.takeRequests()).singleElement().asString().startsWith("/microsoft/token ")
                .contains("refresh_token=" + refresh).contains("scope=Mail.ReadWrite+Mail.Send+User.Read+offline_access");
    }

    /**
     * The vault row holds ciphertext: neither the tokens nor MSAL's cache JSON can be read from it. The markers
     * are long enough that random ciphertext does not contain them by chance (a two-byte marker such as
     * <code>{"</code> turns up in a few percent of kilobyte-long ciphertexts, which failed a CI run).
     */
    private void assertSealed(OAuthGrant grant) {
        var row = tx.read(tenant, () -> secretRows.findByTenantIdAndOwnerIdAndField(tenant.value(), touchpoint, GrantStore.FIELD))
                .orElseThrow();
        String stored = new String(row.ciphertext(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain(grant.refreshToken()).doesNotContain(grant.accessToken())
                .doesNotContain("RefreshToken").doesNotContain("AccessToken").doesNotContain("\"secret\"")
                .doesNotContain("\"home_account_id\"").doesNotContain("\"credential_type\"");
    }

    @Test
    void theTokenIsRefreshedAheadOfExpiry_notAfterAFailure() throws Exception {
        OAuthGrant grant = store(OAuthProvider.GOOGLE, "at-initial", START.plus(Duration.ofHours(1)));

        assertThat(tokens.accessToken(tenant, touchpoint)).isEqualTo("at-initial");
        clock.advance(Duration.ofMinutes(54)); // 6 minutes left: more than the 5-minute margin
        assertThat(tokens.accessToken(tenant, touchpoint)).isEqualTo("at-initial");
        assertThat(GOOGLE.takeRequests()).isEmpty();

        clock.advance(Duration.ofMinutes(2)); // 4 minutes left: still valid, but inside the margin
        String renewed = tokens.accessToken(tenant, touchpoint);

        assertThat(renewed).isNotEqualTo("at-initial").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+"); // a JWT from the server
        List<String> requests = GOOGLE.takeRequests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).startsWith("/google/token ").contains("grant_type=refresh_token")
                .contains("refresh_token=" + grant.refreshToken()).contains("client_id=google-client-id");
        OAuthGrant stored = grants.load(tenant, touchpoint).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo(renewed);
        assertThat(stored.lastRefreshAt()).isEqualTo(clock.instant());
        assertThat(stored.accessExpiresAt()).isAfter(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(stored.refreshToken()).isEqualTo(grant.refreshToken()); // Google does not rotate
    }

    @Test
    void aRotatedRefreshTokenIsStoredWithTheNewAccessToken_andIsWhatTheNextRefreshSends() throws Exception {
        OAuthGrant grant = store(OAuthProvider.MICROSOFT, "at-old", START.minusSeconds(60));

        String access = tokens.accessToken(tenant, touchpoint);

        OAuthGrant stored = grants.load(tenant, touchpoint).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo(access);
        assertThat(stored.refreshToken()).isNotEqualTo(grant.refreshToken());
        assertThat(MICROSOFT.takeRequests()).singleElement().asString().startsWith(MICROSOFT.tokenPath() + " ")
                .contains("grant_type=refresh_token").contains("refresh_token=" + grant.refreshToken())
                .contains("Mail.ReadWrite").contains("Mail.Send").contains("User.Read").contains("offline_access");

        clock.advance(Duration.ofMinutes(58));
        String next = tokens.accessToken(tenant, touchpoint);

        assertThat(next).isNotEqualTo(access);
        assertThat(MICROSOFT.takeRequests()).singleElement().asString().contains("refresh_token=" + stored.refreshToken());
        // The server no longer accepts the first refresh token: had the rotation not been stored, the grant would be lost.
        assertThatThrownBy(() -> endpoint.refresh(OAuthProvider.MICROSOFT, grant.refreshToken(), MS_SCOPES))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_REVOKED));
    }

    @Test
    void concurrentCallersInOneProcessShareOneRefresh() throws Exception {
        store(OAuthProvider.GOOGLE, "at-stale", START.minusSeconds(1));
        GOOGLE.scriptSlow(200, OAuthServer.tokens("at-shared", null, 3600), 800);

        List<String> results = concurrently(8, () -> tokens.accessToken(tenant, touchpoint));

        assertThat(results).hasSize(8).containsOnly("at-shared");
        assertThat(GOOGLE.takeRequests()).hasSize(1);
    }

    @Test
    void twoNodesCoordinatedThroughRedisMakeOneRefreshCall() throws Exception {
        store(OAuthProvider.MICROSOFT, "at-stale", START.minusSeconds(1));
        MICROSOFT.scriptSlow(200, OAuthServer.tokens("at-nodes", "rt-nodes-2", 3600), 800);
        try (var lockA = new RedisTokenRefreshLock("redis://127.0.0.1:6379");
             var lockB = new RedisTokenRefreshLock("redis://127.0.0.1:6379")) {
            TokenService nodeA = new TokenService(grants, endpoint, lockA, settings, clock);
            TokenService nodeB = new TokenService(grants, endpoint, lockB, settings, clock);

            List<String> results = concurrently(2, new Callable<>() {
                int next;

                @Override
                public String call() throws Exception {
                    TokenService node;
                    synchronized (this) {
                        node = next++ % 2 == 0 ? nodeA : nodeB;
                    }
                    return node.accessToken(tenant, touchpoint);
                }
            });

            assertThat(results).containsOnly("at-nodes");
        }
        assertThat(MICROSOFT.takeRequests()).hasSize(1);
        assertThat(grants.load(tenant, touchpoint).orElseThrow().refreshToken()).isEqualTo("rt-nodes-2");
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "GOOGLE    | invalid_grant | Token has been expired or revoked.                                    | expired or revoked",
            "MICROSOFT | invalid_grant | AADSTS700082: The refresh token has expired due to inactivity.        | AADSTS700082",
            "MICROSOFT | invalid_grant | AADSTS50173: The provided grant has expired due to it being revoked.  | AADSTS50173",
            "GOOGLE    | invalid_grant | Bad Request                                                           | invalid_grant"})
    void aRefusedGrantIsRevoked_theGrantIsKept_andTheProviderIsNotAskedAgain(OAuthProvider provider, String error,
                                                                           String description, String reason) throws Exception {
        OAuthGrant before = store(provider, "at-stale", START.minusSeconds(1));
        OAuthServer server = provider == OAuthProvider.GOOGLE ? GOOGLE : MICROSOFT;
        server.script(400, OAuthServer.error(error, description));

        assertRevoked(before, reason);
        assertThat(server.takeRequests()).hasSize(1);

        assertThatThrownBy(() -> tokens.accessToken(tenant, touchpoint))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_REVOKED));
        assertThat(server.takeRequests()).isEmpty();
    }

    @Test
    void aRefreshTokenTheServerDoesNotKnowIsRevoked() throws Exception {
        Instant grantedAt = START.minus(Duration.ofDays(3));
        OAuthGrant before = new OAuthGrant(OAuthProvider.MICROSOFT, "rt-never-issued", "at-stale", START.minusSeconds(1), MS_SCOPES,
                "box@tok.example.com", grantedAt, grantedAt);
        tokens.storeGrant(tenant, touchpoint, before);

        assertRevoked(before, "invalid_grant"); // the server's own answer: "unknown refresh_token"
    }

    @Test
    void aServerErrorIsTransient_theGrantIsUnchanged_andTheNextAttemptRecovers() throws Exception {
        OAuthGrant before = store(OAuthProvider.MICROSOFT, "at-stale", START.minusSeconds(1));
        MICROSOFT.script(503, "{\"error\":\"temporarily_unavailable\"}");

        assertThatThrownBy(() -> tokens.accessToken(tenant, touchpoint)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.AUTH_TRANSIENT);
            assertThat(e.getMessage()).contains("503");
        });
        assertThat(grants.load(tenant, touchpoint)).contains(before);
        var facts = grants.facts(tenant, touchpoint).orElseThrow();
        assertThat(facts.revokedAt()).isNull();
        assertThat(facts.lastFailure()).contains("503");
        assertThat(facts.lastRefreshAt()).isEqualTo(before.lastRefreshAt());

        String recovered = tokens.accessToken(tenant, touchpoint); // the server answers normally again
        assertThat(recovered).isNotEqualTo("at-stale");
        assertThat(grants.facts(tenant, touchpoint).orElseThrow().lastFailure()).isNull();
    }

    @Test
    void whileTheEndpointFailsTransientlyATokenThatHasNotExpiredIsStillUsed() throws Exception {
        store(OAuthProvider.GOOGLE, "at-still-valid", START.plus(Duration.ofMinutes(3)));
        GOOGLE.script(500, "<html>Internal error</html>");

        assertThat(tokens.accessToken(tenant, touchpoint)).isEqualTo("at-still-valid");
        assertThat(tokens.accessToken(tenant, touchpoint)).isEqualTo("at-still-valid");

        assertThat(GOOGLE.takeRequests()).hasSize(1); // no second attempt right after a failure
        assertThat(grants.facts(tenant, touchpoint).orElseThrow().lastFailure()).contains("500");
    }

    @Test
    void anUnreachableTokenEndpointIsTransient() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GoogleOAuthSettings google = new GoogleOAuthSettings();
        google.setClientId("id");
        google.setClientSecret("secret");
        google.setRedirectUri("http://127.0.0.1/cb");
        google.setTokenUri("http://127.0.0.1:" + closedPort + "/token");
        TokenEndpointClient unreachable = new HttpTokenEndpointClient(new OAuthProviders(google, new MicrosoftOAuthSettings()), json, settings);
        TokenService offline = new TokenService(grants, unreachable, lock, settings, clock);
        OAuthGrant before = store(OAuthProvider.GOOGLE, "at-stale", START.minusSeconds(1));

        assertThatThrownBy(() -> offline.accessToken(tenant, touchpoint)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.AUTH_TRANSIENT);
            assertThat(e.getMessage()).contains("could not be reached");
        });
        assertThat(grants.load(tenant, touchpoint)).contains(before);
    }

    @Test
    void withoutAGrantTheMailboxNeedsAuthorization() {
        assertThatThrownBy(() -> tokens.accessToken(tenant, touchpoint))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_REVOKED));
    }

    private void assertRevoked(OAuthGrant before, String reason) {
        assertThatThrownBy(() -> tokens.accessToken(tenant, touchpoint)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.AUTH_REVOKED);
            assertThat(e.getMessage()).contains(reason).doesNotContain(before.refreshToken());
        });
        assertThat(grants.load(tenant, touchpoint)).contains(before);
        var facts = grants.facts(tenant, touchpoint).orElseThrow();
        assertThat(facts.revokedAt()).isEqualTo(START);
        assertThat(facts.lastRefreshAt()).isEqualTo(before.lastRefreshAt());
    }

    /** Stores a grant whose refresh token the provider's server really issued (authorization-code flow). */
    private OAuthGrant store(OAuthProvider provider, String access, Instant expiresAt) throws Exception {
        boolean ms = provider == OAuthProvider.MICROSOFT;
        String refresh = ms ? MICROSOFT.consent("microsoft-client-id", "microsoft-client-secret-canary")
                : GOOGLE.consent("google-client-id", "google-client-secret-canary");
        Set<String> scopes = ms ? MS_SCOPES : Set.of("https://www.googleapis.com/auth/gmail.modify");
        Instant grantedAt = START.minus(Duration.ofDays(3));
        OAuthGrant grant = new OAuthGrant(provider, refresh, access, expiresAt, scopes, "box@tok.example.com", grantedAt, grantedAt);
        tokens.storeGrant(tenant, touchpoint, grant);
        return grant;
    }

    private static List<String> concurrently(int callers, Callable<String> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
