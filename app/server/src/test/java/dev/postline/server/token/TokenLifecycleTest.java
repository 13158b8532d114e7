package dev.postline.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.lifecycle.Horizon;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import dev.postline.core.token.GoogleOAuthSettings;
import dev.postline.core.token.GrantStore;
import dev.postline.core.token.OAuthAuthorizationHorizon;
import dev.postline.core.token.OAuthGrant;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.TokenEndpointClient;
import dev.postline.core.token.TokenKeepAlive;
import dev.postline.core.token.TokenRefreshLock;
import dev.postline.core.token.TokenService;
import dev.postline.core.token.TokenSettings;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The token lifecycle over weeks of a {@link MutableClock}: the predicted end of each provider's
 * authorization, and the daily keep-alive that stops sliding windows from lapsing. Grants and
 * refreshes are real (mock-oauth2-server); a failing token endpoint is scripted on the same server.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenLifecycleTest implements PostlineTestProperties {

    static final OAuthServer GOOGLE = new OAuthServer("google", false);
    static final OAuthServer MICROSOFT = new OAuthServer("microsoft", true, true); // over TLS: reached through MSAL
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject GrantStore grants;
    @Inject TokenEndpointClient endpoint;
    @Inject TokenRefreshLock lock;
    @Inject TokenSettings settings;
    @Inject GoogleOAuthSettings googleSettings;
    @Inject TenantRepository tenants;
    @Inject TenantTransactions tx;
    @Inject TouchpointSettingsCodec settingsCodec;

    Http http;
    MutableClock clock;
    TokenService tokens;
    TenantFixture fixture;
    TenantId tenant;

    @Override
    public Map<String, String> extraProperties() {
        return OAuthServer.platformApps(GOOGLE, MICROSOFT);
    }

    @BeforeAll
    void start() {
        http = new Http(server.getURI(), json);
    }

    @BeforeEach
    void freshTenantAndClock() {
        fixture = TenantFixture.create(http, "life-" + UUID.randomUUID().toString().substring(0, 8));
        tenant = TenantId.parse(fixture.tenantId());
        clock = new MutableClock(START);
        tokens = new TokenService(grants, endpoint, lock, settings, clock);
        GOOGLE.takeRequests();
        MICROSOFT.takeRequests();
    }

    @AfterAll
    void stop() {
        GOOGLE.shutdown();
        MICROSOFT.shutdown();
    }

    @Test
    void aMicrosoftGrantWhoseRefreshKeepsFailingEndsNinetyDaysAfterItsLastSuccessfulRefresh() throws Exception {
        Touchpoint touchpoint = touchpoint(ConnectorKind.GRAPH);
        store(touchpoint, OAuthProvider.MICROSOFT, START.minus(Duration.ofDays(10)));
        tokens.accessToken(tenant, touchpoint.id()); // expired at START: refreshed now, successfully
        OAuthAuthorizationHorizon horizon = new OAuthAuthorizationHorizon(grants, googleSettings, settingsCodec);

        Instant expectedEnd = START.plus(Duration.ofDays(90));
        assertThat(predict(horizon, touchpoint).predictedEnd()).contains(expectedEnd);
        assertThat(predict(horizon, touchpoint).periodicNotice()).contains(Duration.ofDays(14));

        for (int day = 1; day <= 76; day++) { // from here on, every refresh attempt fails with a 5xx
            clock.set(START.plus(Duration.ofDays(day)));
            MICROSOFT.script(503, "{\"error\":\"temporarily_unavailable\"}");
            assertThatThrownBy(() -> tokens.accessToken(tenant, touchpoint.id())).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_TRANSIENT));
        }

        Horizon atDay76 = predict(horizon, touchpoint);
        assertThat(atDay76.predictedEnd()).contains(expectedEnd);
        // What the lifecycle watcher derives from it: EXPIRING from day 76 (14 days left), EXPIRED at day 90.
        assertThat(Duration.between(clock.instant(), atDay76.predictedEnd().orElseThrow())).isEqualTo(Duration.ofDays(14));
        assertThat(atDay76.basis()).contains("90 days after the refresh token was last used").contains("2026-03-02");
    }

    @Test
    void googleGrantsEndSevenDaysAfterConsentInTestingMode_andSixMonthsAfterLastUseInProduction() throws Exception {
        Touchpoint touchpoint = touchpoint(ConnectorKind.GMAIL);
        Instant consented = START.minus(Duration.ofDays(2));
        store(touchpoint, OAuthProvider.GOOGLE, consented);
        tokens.accessToken(tenant, touchpoint.id()); // a successful refresh at START
        GoogleOAuthSettings testing = new GoogleOAuthSettings();
        testing.setPublishingStatus("testing");

        Horizon inTesting = predict(new OAuthAuthorizationHorizon(grants, testing, settingsCodec), touchpoint);
        Horizon inProduction = predict(new OAuthAuthorizationHorizon(grants, googleSettings, settingsCodec), touchpoint);

        assertThat(inTesting.predictedEnd()).contains(consented.plus(Duration.ofDays(7)));
        assertThat(inTesting.periodicNotice()).isEmpty();
        assertThat(inTesting.basis()).contains("testing mode");
        assertThat(inProduction.predictedEnd()).contains(Instant.parse("2026-09-02T09:00:00Z"));
        assertThat(inProduction.periodicNotice()).isEmpty();
    }

    @Test
    void aRevokedGrantEndedWhenItWasRefused_andATouchpointWithoutAGrantHasNoEnd() throws Exception {
        Touchpoint revoked = touchpoint(ConnectorKind.GRAPH);
        store(revoked, OAuthProvider.MICROSOFT, START.minus(Duration.ofDays(1)));
        MICROSOFT.script(400, OAuthServer.error("invalid_grant", "AADSTS50173: The provided grant has expired due to it being revoked."));
        assertThatThrownBy(() -> tokens.accessToken(tenant, revoked.id())).isInstanceOf(ConnectorException.class);
        OAuthAuthorizationHorizon horizon = new OAuthAuthorizationHorizon(grants, googleSettings, settingsCodec);

        assertThat(predict(horizon, revoked).predictedEnd()).contains(START);
        assertThat(predict(horizon, touchpoint(ConnectorKind.GMAIL)).predictedEnd()).isEmpty();
        assertThat(horizon.appliesTo(ConnectorKind.FORWARDING)).isFalse();
        assertThat(horizon.appliesTo(ConnectorKind.IMAP)).as("IMAP may sign in with XOAUTH2").isTrue();
        assertThat(horizon.appliesTo(ConnectorKind.GRAPH)).isTrue();
    }

    @Test
    void theKeepAliveRefreshesGrantsIdleForADay_andLeavesRecentAndRevokedOnesAlone() throws Exception {
        Touchpoint idle = touchpoint(ConnectorKind.GRAPH);
        Touchpoint recent = touchpoint(ConnectorKind.GMAIL);
        Touchpoint revoked = touchpoint(ConnectorKind.GRAPH);
        OAuthGrant idleGrant = store(idle, OAuthProvider.MICROSOFT, START.minus(Duration.ofDays(2)));
        store(recent, OAuthProvider.GOOGLE, START.minus(Duration.ofHours(3)));
        store(revoked, OAuthProvider.MICROSOFT, START.minus(Duration.ofDays(5)));
        MICROSOFT.script(400, OAuthServer.error("invalid_grant", "AADSTS700082: The refresh token has expired due to inactivity."));
        assertThatThrownBy(() -> tokens.accessToken(tenant, revoked.id())).isInstanceOf(ConnectorException.class);
        MICROSOFT.takeRequests();
        TokenKeepAlive keepAlive = new TokenKeepAlive(tenants, tx, grants, tokens, settings, clock);

        assertThat(keepAlive.runOnce()).isEqualTo(1);

        assertThat(MICROSOFT.takeRequests()).singleElement().asString().contains("refresh_token=" + idleGrant.refreshToken());
        assertThat(GOOGLE.takeRequests()).isEmpty();
        assertThat(grants.facts(tenant, idle.id()).orElseThrow().lastRefreshAt()).isEqualTo(START);
        assertThat(grants.load(tenant, idle.id()).orElseThrow().refreshToken()).isNotEqualTo(idleGrant.refreshToken()); // rotated, stored
        assertThat(keepAlive.runOnce()).isZero(); // used a moment ago: nothing to do
    }

    private Horizon predict(OAuthAuthorizationHorizon horizon, Touchpoint touchpoint) {
        return tx.read(tenant, () -> horizon.predict(tenant, touchpoint));
    }

    /** A touchpoint row created through the API; the horizon only needs its id and kind. */
    private Touchpoint touchpoint(ConnectorKind kind) {
        var created = http.post("/api/v1/touchpoints", fixture.admin(), Map.of("address", "box-" + UUID.randomUUID() + "@life.example.com",
                "displayName", "Box " + UUID.randomUUID(), "connector", "imap", "direction", "BOTH", "settings", TenantFixture.imapSettings("life")));
        UUID id = UUID.fromString(TenantFixture.expect(created, 201).string("id"));
        return new Touchpoint(id, tenant.value(), "box@life.example.com", "Box", "box", kind, Direction.BOTH, true, "{}",
                ConnectionState.CONNECTED, START, START, dev.postline.core.touchpoint.DataSource.EMPTY, null);
    }

    /** A grant from the provider's real consent flow; its access token expired at START, last used at {@code grantedAt}. */
    private OAuthGrant store(Touchpoint touchpoint, OAuthProvider provider, Instant grantedAt) throws Exception {
        boolean ms = provider == OAuthProvider.MICROSOFT;
        String refresh = ms ? MICROSOFT.consent("microsoft-client-id", "microsoft-client-secret-canary")
                : GOOGLE.consent("google-client-id", "google-client-secret-canary");
        Set<String> scopes = ms ? Set.of("Mail.ReadWrite", "Mail.Send", "offline_access", "User.Read")
                : Set.of("https://www.googleapis.com/auth/gmail.modify");
        OAuthGrant grant = new OAuthGrant(provider, refresh, "at-" + UUID.randomUUID(), START.minusSeconds(1), scopes,
                "box@life.example.com", grantedAt, grantedAt);
        tokens.storeGrant(tenant, touchpoint.id(), grant);
        return grant;
    }
}
