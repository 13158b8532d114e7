package dev.postline.server.token;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.lifecycle.AuthorizationWatch;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.token.GrantStore;
import dev.postline.core.token.OAuthGrant;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.TokenKeepAlive;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.token.TokenService;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MutableClock;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #6, "Must show", first point, with the real pieces wired together: grants from
 * mock-oauth2-server stored through the application's {@link TokenService}, the real OAuth and
 * password horizons, the {@link AuthorizationWatch} running every 100 ms, the keep-alive refreshing
 * idle grants, and admin notices read through the API. Days pass by moving the application's
 * {@link MutableClock}; the tests only wait (briefly, for real) for the watch to run after a move.
 * Sync loops are off here: the state moves come from the watch alone.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationNoticeClockTest implements PostlineTestProperties {

    static final OAuthServer GOOGLE = new OAuthServer("google", false);
    static final OAuthServer MICROSOFT = new OAuthServer("microsoft", true, true); // over TLS: reached through MSAL
    static final String PERIODIC = "Periodic re-authentication check";
    static final String ENDING = "Re-authentication needed soon";
    static final String EXPIRED = "Re-authentication required";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject MutableClock clock;
    @Inject AuthorizationWatch watch;
    @Inject TokenService tokens;
    @Inject TokenKeepAlive keepAlive;
    @Inject GrantStore grants;
    @Inject TouchpointRepository touchpoints;
    @Inject TenantTransactions tx;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = OAuthServer.platformApps(GOOGLE, MICROSOFT);
        props.put("postline.oauth.google.publishing-status", "testing");
        props.put("postline.oauth.keep-alive.enabled", "true");
        props.put("postline.oauth.keep-alive.initial-delay", "1h"); // run by hand after each move of the clock
        props.put("test.mutable-clock", "true");
        props.put("postline.lifecycle.watch-interval", "100ms");
        props.put("postline.lifecycle.watch-initial-delay", "100ms");
        return props;
    }

    @BeforeAll
    void createTenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "notice");
    }

    @AfterAll
    void stop() {
        GOOGLE.shutdown();
        MICROSOFT.shutdown();
    }

    @Test
    void aHealthyMicrosoftTouchpointGetsTheCheckNoticeEveryFourteenDaysAndNeverTwoInAPeriod() throws Exception {
        Instant connected = clock.instant();
        String id = oauthTouchpoint("healthy@notice.example.com", OAuthProvider.MICROSOFT);
        clock.advance(Duration.ofHours(1)); // clear of the database's microsecond rounding of the creation time

        for (int step = 1; step <= 15; step++) { // every 3 days up to day 45: each 14-day period is visited
            clock.advance(Duration.ofDays(3));
            keepAlive.runOnce();
            awaitWatchRuns(2);
            long day = Duration.between(connected, clock.instant()).toDays();
            long periods = day / 14;
            assertThat(titles(id)).as("day %d: one check notice per finished 14-day period", day)
                    .hasSize((int) periods).allMatch(title -> title.startsWith(PERIODIC));
            assertThat(state(id)).as("day %d: the refreshed grant is far from its end", day).isEqualTo("PENDING");
            assertThat(predictedEnd(id)).as("day %d: 90 days after the refresh just made", day)
                    .isEqualTo(day(clock.instant().plus(Duration.ofDays(90))));
        }
        assertThat(titles(id)).hasSize(3);
    }

    @Test
    void aMicrosoftTouchpointWhoseRefreshKeepsFailingIsExpiringAtDay76WithOneNoticeAndExpiredAtDay90() throws Exception {
        Instant lastRefresh = clock.instant();
        String id = oauthTouchpoint("failing@notice.example.com", OAuthProvider.MICROSOFT);
        MICROSOFT.failRefreshesOf(refreshToken(id), 503, "{\"error\":\"temporarily_unavailable\"}");
        String end = day(lastRefresh.plus(Duration.ofDays(90)));

        for (int day : new int[] {14, 28, 42, 56, 70, 75}) {
            moveTo(lastRefresh, Duration.ofDays(day).plusHours(1));
            assertThat(state(id)).as("day %d", day).isEqualTo("PENDING");
            assertThat(titles(id)).as("day %d", day).noneMatch(title -> title.startsWith(ENDING));
        }
        moveTo(lastRefresh, Duration.ofDays(76).plusHours(1));
        Eventually.await("EXPIRING at day 76", Duration.ofSeconds(20), () -> "EXPIRING".equals(state(id)));
        awaitWatchRuns(2);
        assertThat(endingNotices(id)).singleElement().satisfies(n -> assertThat(n.get("detail").toString()).contains(end)
                .contains("90 days after the refresh token was last used"));

        for (int day : new int[] {80, 84, 89}) {
            moveTo(lastRefresh, Duration.ofDays(day).plusHours(1));
            assertThat(state(id)).as("day %d", day).isEqualTo("EXPIRING");
            assertThat(endingNotices(id)).as("day %d: still the one notice", day).hasSize(1);
        }
        moveTo(lastRefresh, Duration.ofDays(90).plusHours(1));
        Eventually.await("EXPIRED at day 90", Duration.ofSeconds(20), () -> "EXPIRED".equals(state(id)));
        awaitWatchRuns(3);
        assertThat(titles(id)).filteredOn(title -> title.startsWith(EXPIRED)).as("one alert").hasSize(1);
        assertThat(endingNotices(id)).hasSize(1);
        assertThat(titles(id)).filteredOn(title -> title.startsWith(PERIODIC)).as("the periodic checks of days 14..84").hasSize(6);
        MICROSOFT.stopFailing();
    }

    @Test
    void aGoogleTouchpointOfAnAppInTestingModeIsExpiringFromTheDayItConnectsWithExactlyOneNotice() throws Exception {
        Instant consented = clock.instant();
        String id = oauthTouchpoint("testing@notice.example.com", OAuthProvider.GOOGLE);

        Eventually.await("EXPIRING on the day of consent", Duration.ofSeconds(20), () -> "EXPIRING".equals(state(id)));
        assertThat(predictedEnd(id)).isEqualTo(day(consented.plus(Duration.ofDays(7))));
        for (int day = 1; day <= 6; day++) {
            clock.advance(Duration.ofDays(1));
            keepAlive.runOnce(); // refreshes succeed, but in testing mode they do not move the end
            awaitWatchRuns(2);
            assertThat(state(id)).as("day %d", day).isEqualTo("EXPIRING");
            assertThat(titles(id)).as("day %d: exactly one notice", day).singleElement().asString().startsWith(ENDING);
        }
        clock.advance(Duration.ofDays(1).plusHours(1));
        Eventually.await("EXPIRED after 7 days", Duration.ofSeconds(20), () -> "EXPIRED".equals(state(id)));
        awaitWatchRuns(2);
        assertThat(titles(id)).filteredOn(title -> title.startsWith(ENDING)).hasSize(1);
        assertThat(titles(id)).filteredOn(title -> title.startsWith(EXPIRED)).hasSize(1);
    }

    @Test
    void anImapPasswordTouchpointGetsNoNotice() {
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("notice"));
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "imap@notice.example.com",
                "displayName", "IMAP box", "connector", "imap", "direction", "BOTH", "settings", settings)), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", "imap-password-1")), 204);

        for (int fortnight = 1; fortnight <= 8; fortnight++) {
            clock.advance(Duration.ofDays(14));
            keepAlive.runOnce();
            awaitWatchRuns(2);
        }
        assertThat(titles(id)).isEmpty();
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(predictedEnd(id)).isNull();
    }

    @Test
    void anImapTouchpointSigningInWithAMicrosoftGrantFollowsTheMicrosoftRules() throws Exception {
        Instant connected = clock.instant();
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("notice"));
        settings.put("passwordExpiresOn", day(connected.plus(Duration.ofDays(3)))); // belongs to no password: ignored
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "o365-imap@notice.example.com",
                "displayName", "Office 365 over IMAP", "connector", "imap", "direction", "BOTH", "settings", settings)), 201).string("id");
        // The API refuses xoauth2 for new IMAP touchpoints (no consent flow gets them a grant): one stored before that.
        settings.put("auth", "xoauth2");
        String json = this.json.writeValueAsString(settings);
        TenantId tenant = TenantId.parse(t.tenantId());
        tx.write(tenant, () -> {
            Touchpoint stored = touchpoints.findByTenantIdAndId(tenant.value(), UUID.fromString(id)).orElseThrow();
            return touchpoints.update(new Touchpoint(stored.id(), stored.tenantId(), stored.address(), stored.displayName(),
                    stored.nameKey(), stored.connectorKind(), stored.direction(), stored.enabled(), json, stored.connectionState(),
                    stored.createdAt(), stored.updatedAt(), stored.dataSource(), stored.reportServiceName()));
        });
        storeGrant(id, OAuthProvider.MICROSOFT, "o365-imap@notice.example.com");

        assertThat(predictedEnd(id)).isEqualTo(day(connected.plus(Duration.ofDays(90))));
        moveTo(connected, Duration.ofDays(14).plusHours(1));
        assertThat(titles(id)).singleElement().asString().startsWith(PERIODIC);
        assertThat(state(id)).isEqualTo("PENDING");
    }

    /** Moves the clock to {@code start + offset}, lets the keep-alive try its refreshes, then the watch run. */
    private void moveTo(Instant start, Duration offset) {
        Duration by = Duration.between(clock.instant(), start.plus(offset));
        assertThat(by).as("the clock only moves forward").isPositive();
        clock.advance(by);
        keepAlive.runOnce();
        awaitWatchRuns(2);
    }

    /** A Graph or Gmail touchpoint through the API, with a grant consented at mock-oauth2-server now. */
    private String oauthTouchpoint(String address, OAuthProvider provider) throws Exception {
        boolean ms = provider == OAuthProvider.MICROSOFT;
        Map<String, String> settings = ms ? Map.of("mailbox", address) : Map.of("emailAddress", address);
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", "Box " + address,
                "connector", ms ? "graph" : "gmail", "direction", "BOTH", "settings", settings)), 201).string("id");
        storeGrant(id, provider, address);
        return id;
    }

    private void storeGrant(String id, OAuthProvider provider, String address) throws Exception {
        boolean ms = provider == OAuthProvider.MICROSOFT;
        String refresh = ms ? MICROSOFT.consent("microsoft-client-id", "microsoft-client-secret-canary")
                : GOOGLE.consent("google-client-id", "google-client-secret-canary");
        Set<String> scopes = ms ? Set.of("Mail.ReadWrite", "Mail.Send", "offline_access", "User.Read")
                : Set.of("https://www.googleapis.com/auth/gmail.modify");
        Instant now = clock.instant();
        tokens.storeGrant(tenant(), UUID.fromString(id), new OAuthGrant(provider, refresh, "at-" + UUID.randomUUID(),
                now.plus(Duration.ofHours(1)), scopes, address, now, now));
    }

    private String refreshToken(String touchpointId) {
        return storedGrant(touchpointId).refreshToken();
    }

    private OAuthGrant storedGrant(String touchpointId) {
        return grants.load(tenant(), UUID.fromString(touchpointId)).orElseThrow();
    }

    private TenantId tenant() {
        return TenantId.parse(t.tenantId());
    }

    private void awaitWatchRuns(int more) {
        long target = watch.runs() + more;
        Eventually.await(more + " more watch runs", Duration.ofSeconds(20), () -> watch.runs() >= target);
    }

    private List<Map<String, Object>> notices(String touchpointId) {
        return expect(http.get("/api/v1/notifications", t.admin()), 200).list().stream()
                .filter(n -> touchpointId.equals(n.get("touchpointId"))).toList();
    }

    private List<String> titles(String touchpointId) {
        return notices(touchpointId).stream().map(n -> n.get("title").toString()).toList();
    }

    private List<Map<String, Object>> endingNotices(String touchpointId) {
        return notices(touchpointId).stream().filter(n -> n.get("title").toString().startsWith(ENDING)).toList();
    }

    private String state(String id) {
        return http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState");
    }

    @SuppressWarnings("unchecked")
    private String predictedEnd(String id) {
        Object end = ((Map<String, Object>) http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("lifecycle"))
                .get("predictedAuthorizationEnd");
        return end == null ? null : end.toString().substring(0, 10);
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
