package dev.postline.server.token;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.graphdouble.GraphDouble;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.token.OAuthGrant;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.TokenService;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.MutableClock;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #6, "Must show", token-refresh faults end to end: a Microsoft Graph touchpoint syncing
 * against the Graph double, its grant consented at mock-oauth2-server and refreshed by the token
 * service when its access token runs out. The token endpoint then fails: a 5xx is retried (the
 * sync loop's backoff) without a visible change until the grace period has passed, then
 * CONNECTION_LOST with one alert, and it recovers by itself, with the mail that arrived meanwhile;
 * {@code invalid_grant} makes it EXPIRED at once with one alert and no further refresh attempt.
 * The grace period and token lifetimes run on the application's {@link MutableClock}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRefreshSyncFaultTest implements PostlineTestProperties {

    static final OAuthServer GOOGLE = new OAuthServer("google", false);
    static final OAuthServer MICROSOFT = new OAuthServer("microsoft", true, true); // over TLS: reached through MSAL
    static final GraphDouble GRAPH = GraphDouble.start();
    static final String UNAVAILABLE = "{\"error\":\"temporarily_unavailable\",\"error_description\":\"AADSTS90033: transient\"}";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject MutableClock clock;
    @Inject TokenService tokens;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = OAuthServer.platformApps(GOOGLE, MICROSOFT);
        props.put("test.mutable-clock", "true");
        props.put("postline.sync.enabled", "true");
        props.put("postline.sync.allow-private-networks", "true");
        props.put("postline.sync.extra-ports", Integer.toString(GRAPH.port()));
        props.put("postline.sync.rescan-interval", "200ms");
        props.put("postline.sync.max-backoff", "500ms");
        // Only the grace period (default 5 minutes, on the test's clock) may declare the connection lost here.
        props.put("postline.lifecycle.failures-before-lost", "1000");
        return props;
    }

    @BeforeAll
    void createTenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "tokfault");
    }

    @AfterAll
    void stop() {
        GRAPH.close();
        GOOGLE.shutdown();
        MICROSOFT.shutdown();
    }

    @Test
    void aFailingTokenEndpointIsRetriedWithoutAStateChangeUntilTheGracePeriod_thenLostOnce_andRecoversWithoutLoss() throws Exception {
        String address = "sales@tokfault.example.com";
        Connected box = connect(address, "at-sales-1");
        deliver(address, "before-1");
        awaitConversations(box.id, 1);

        MICROSOFT.failRefreshesOf(box.refreshToken, 503, UNAVAILABLE);
        clock.advance(Duration.ofHours(2)); // the access token has run out: the next request needs a refresh
        Eventually.await("several refresh attempts", Duration.ofSeconds(30), () -> MICROSOFT.refreshesOf(box.refreshToken) >= 3);
        deliver(address, "during-2");
        assertThat(state(box.id)).as("within the grace period nothing visible changes").isEqualTo("CONNECTED");
        assertThat(alerts(box.id)).isEmpty();
        assertThat(lastError(box.id)).contains("503");

        clock.advance(Duration.ofMinutes(6)); // past the grace period of 5 minutes, still failing
        Eventually.await("CONNECTION_LOST", Duration.ofSeconds(30), () -> "CONNECTION_LOST".equals(state(box.id)));
        int attempts = MICROSOFT.refreshesOf(box.refreshToken);
        Eventually.await("more retries while lost", Duration.ofSeconds(30), () -> MICROSOFT.refreshesOf(box.refreshToken) >= attempts + 2);
        assertThat(alerts(box.id)).as("one alert per incident").extracting(n -> n.get("title").toString())
                .singleElement().asString().startsWith("Connection lost");

        clock.advance(Duration.ofMinutes(1)); // the incident lasts a while (history is ordered by time)
        GRAPH.grantToken(address, "at-sales-2");
        MICROSOFT.answerRefreshesOf(box.refreshToken, 200, OAuthServer.tokens("at-sales-2", null, 3600));
        Eventually.await("CONNECTED again", Duration.ofSeconds(30), () -> "CONNECTED".equals(state(box.id)));
        awaitConversations(box.id, 2);

        assertThat(notices(box.id)).extracting(n -> n.get("kind").toString()).containsExactlyInAnyOrder("CONNECTION_LOST", "RECOVERED");
        List<Map<String, Object>> history = expect(http.get("/api/v1/touchpoints/" + box.id + "/history", t.admin()), 200).list();
        assertThat(history).extracting(h -> h.get("from") + ">" + h.get("to"))
                .containsExactly("CONNECTION_LOST>CONNECTED", "CONNECTED>CONNECTION_LOST", "PENDING>CONNECTED");
        assertThat(conversations(box.id)).hasSize(2);
    }

    @Test
    void aShortTokenOutageWithoutNewMailClearsTheLastErrorWhenTheNextSyncSucceeds() throws Exception {
        String address = "quiet@tokfault.example.com";
        Connected box = connect(address, "at-quiet-1");
        MICROSOFT.failRefreshesOf(box.refreshToken, 503, UNAVAILABLE);
        clock.advance(Duration.ofHours(2)); // the access token has run out
        Eventually.await("the failure shown", Duration.ofSeconds(30), () -> lastError(box.id).contains("503"));

        GRAPH.grantToken(address, "at-quiet-2");
        MICROSOFT.answerRefreshesOf(box.refreshToken, 200, OAuthServer.tokens("at-quiet-2", null, 3600));
        // No mail arrives: only a successful (empty) sync round can tell admins the error is over.
        Eventually.await("the last error cleared", Duration.ofSeconds(30), () -> lastError(box.id).isEmpty());
        assertThat(lifecycle(box.id).get("lastSuccessfulSync")).as("the successful round is recorded").isNotNull();
        assertThat(state(box.id)).isEqualTo("CONNECTED");
    }

    @Test
    void anInvalidGrantExpiresTheTouchpointAtOnceWithOneAlertAndNoFurtherRefreshAttempt() throws Exception {
        String address = "billing@tokfault.example.com";
        Connected box = connect(address, "at-billing-1");

        MICROSOFT.failRefreshesOf(box.refreshToken, 400,
                OAuthServer.error("invalid_grant", "AADSTS50173: The provided grant has expired due to it being revoked."));
        clock.advance(Duration.ofHours(2));
        Eventually.await("EXPIRED", Duration.ofSeconds(30), () -> "EXPIRED".equals(state(box.id)));
        Eventually.await("the alert", Duration.ofSeconds(10), () -> !alerts(box.id).isEmpty());
        deliver(address, "while-expired"); // the sync loop would fetch this if it still ran
        Thread.sleep(3_000); // several poll intervals and backoff periods: a retrying loop would ask again

        assertThat(MICROSOFT.refreshesOf(box.refreshToken)).as("one refusal is final: no retry storm").isEqualTo(1);
        assertThat(alerts(box.id)).extracting(n -> n.get("title").toString())
                .singleElement().asString().startsWith("Re-authentication required");
        assertThat(lastError(box.id)).contains("AADSTS50173");
        assertThat(conversations(box.id)).isEmpty();
    }

    private record Connected(String id, String refreshToken) {}

    /** A Graph touchpoint on the double, its grant from mock-oauth2-server's consent flow, synced once (CONNECTED). */
    private Connected connect(String address, String accessToken) throws Exception {
        GRAPH.addMailbox(address, accessToken);
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", "Box " + address,
                "connector", "graph", "direction", "BOTH", "settings", Map.of("mailbox", address, "baseUrl", GRAPH.baseUrl(),
                        "pollIntervalSeconds", "1"))), 201).string("id");
        String refresh = MICROSOFT.consent("microsoft-client-id", "microsoft-client-secret-canary");
        Instant now = clock.instant();
        tokens.storeGrant(TenantId.parse(t.tenantId()), UUID.fromString(id), new OAuthGrant(OAuthProvider.MICROSOFT, refresh,
                accessToken, now.plus(Duration.ofHours(1)), Set.of("Mail.ReadWrite", "Mail.Send", "offline_access", "User.Read"),
                address, now, now));
        Eventually.await("CONNECTED", Duration.ofSeconds(30), () -> "CONNECTED".equals(state(id)));
        return new Connected(id, refresh);
    }

    private void deliver(String address, String marker) {
        GRAPH.deliver(address, MailboxServer.customerMail("customer-" + marker + "@example.org", address,
                "<" + marker + "." + UUID.randomUUID() + "@example.org>", "Question " + marker, "Hello " + marker, List.of())
                .getBytes(StandardCharsets.UTF_8));
    }

    private void awaitConversations(String id, int count) {
        Eventually.await(count + " conversations", Duration.ofSeconds(30), () -> conversations(id).size() >= count);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> conversations(String id) {
        return (List<Map<String, Object>>) expect(http.get("/api/v1/conversations?touchpointId=" + id, t.admin()), 200).map().get("items");
    }

    private List<Map<String, Object>> notices(String touchpointId) {
        return expect(http.get("/api/v1/notifications", t.admin()), 200).list().stream()
                .filter(n -> touchpointId.equals(n.get("touchpointId"))).toList();
    }

    private List<Map<String, Object>> alerts(String touchpointId) {
        return notices(touchpointId).stream().filter(n -> "CONNECTION_LOST".equals(n.get("kind"))).toList();
    }

    private String state(String id) {
        return http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lifecycle(String id) {
        return (Map<String, Object>) http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("lifecycle");
    }

    @SuppressWarnings("unchecked")
    private String lastError(String id) {
        Object error = ((Map<String, Object>) http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("lifecycle")).get("lastError");
        return error == null ? "" : error.toString();
    }
}
