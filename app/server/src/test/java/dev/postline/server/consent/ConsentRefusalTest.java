package dev.postline.server.consent;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.gmaildouble.Endpoint;
import dev.postline.connectors.gmaildouble.GmailDouble;
import dev.postline.core.consent.ConsentSettings;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every way a consent can go wrong ends in a clear answer and changes nothing: a replayed, missing,
 * expired or someone else's state, a declined consent, a code brought to the other provider's
 * callback, permissions not granted. Google is configured (mock-oauth2-server), Microsoft is not, so
 * the providers list shows one of each.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentRefusalTest implements PostlineTestProperties {

    static final AuthorizationServer GOOGLE = new AuthorizationServer("google");
    static final GmailDouble GMAIL = GmailDouble.start();
    static final String SLUG = "consent-refusals";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject ConsentSettings consentSettings;

    Http http;
    TenantFixture t;
    AdminBrowser admin;
    String touchpoint;
    String mailbox;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = new HashMap<>(GOOGLE.platformApp("postline.oauth.google.", "/oauth/callback/google"));
        props.put("postline.oauth.google.publishing-status", "testing");
        props.put("postline.oauth.keep-alive.enabled", "false");
        props.put("postline.sync.allow-private-networks", "true");
        props.put("postline.sync.extra-ports", Integer.toString(GMAIL.port()));
        return props;
    }

    @BeforeAll
    void tenant() throws Exception {
        GMAIL.trustTokens(GOOGLE::subjectOf);
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, SLUG);
        admin = AdminBrowser.signIn(server.getURI(), SLUG, "admin@" + SLUG + ".example.com", TenantFixture.PASSWORD);
    }

    @BeforeEach
    void freshTouchpoint() {
        mailbox = "box-" + System.nanoTime() + "@refusals.example.com";
        touchpoint = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", mailbox, "displayName", "Box " + mailbox,
                "connector", "gmail", "direction", "BOTH", "settings", Map.of("apiRootUrl", GMAIL.rootUrl()))), 201).string("id");
        GOOGLE.takeRequests();
    }

    @AfterAll
    void stop() {
        GOOGLE.shutdown();
        GMAIL.close();
    }

    @Test
    void theProvidersListSaysWhichProviderIsOfferedAndWhyTheOtherIsNot_toAdminsOnly() {
        List<Map<String, Object>> providers = expect(http.get("/api/v1/oauth/providers", t.admin()), 200).list();
        assertThat(providers).anySatisfy(p -> assertThat(p).containsEntry("provider", "google").containsEntry("connector", "gmail")
                .containsEntry("offered", true));
        assertThat(providers).anySatisfy(p -> {
            assertThat(p).containsEntry("provider", "microsoft").containsEntry("offered", false);
            assertThat(p.get("reason").toString()).contains("postline.oauth.microsoft.client-id is missing");
        });
        assertThat(http.get("/api/v1/oauth/providers", t.agent()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/oauth/providers", t.apiKey()).status()).isEqualTo(403);
    }

    @Test
    void consentIsRefusedForPasswordTouchpointsAndUnconfiguredProviders() {
        var imap = http.post("/api/v1/touchpoints/" + t.touchpointId() + "/oauth/start", t.admin(), Map.of());
        assertThat(imap.status()).isEqualTo(409);
        assertThat(imap.string("detail")).contains("password");
        String graph = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "m365-" + mailbox,
                "displayName", "M365 " + mailbox, "connector", "graph", "direction", "BOTH")), 201).string("id");
        var microsoft = http.post("/api/v1/touchpoints/" + graph + "/oauth/start", t.admin(), Map.of());
        assertThat(microsoft.status()).isEqualTo(409);
        assertThat(microsoft.string("detail")).contains("Microsoft mailboxes cannot be connected").contains("client-id is missing");
        assertThat(http.post("/api/v1/touchpoints/" + touchpoint + "/oauth/start", t.agent(), Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aReplayedStateIsRefused_andChangesNothing() throws Exception {
        URI back = GOOGLE.authorize(admin.startConsent(touchpoint), mailbox);
        assertThat(admin.arrive(back, "application/json").status()).isEqualTo(200);
        int entries = history().size();
        GOOGLE.takeRequests();

        AdminBrowser.Page replay = admin.arrive(back, "application/json");

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body()).contains("unknown, expired or was already used").contains("nothing was changed");
        assertThat(history()).hasSize(entries);
        assertThat(GOOGLE.takeRequests()).as("the code is never redeemed twice").isEmpty();
    }

    @Test
    void anotherAdminOrAnotherSessionCannotFinishSomeoneElsesConsent_whichStillWorksForItsOwner() throws Exception {
        URI back = GOOGLE.authorize(admin.startConsent(touchpoint), mailbox);
        expect(http.post("/api/v1/users", t.admin(), Map.of("email", "second-" + System.nanoTime() + "@" + SLUG + ".example.com",
                "displayName", "Second admin", "role", "ADMIN", "password", TenantFixture.PASSWORD)), 201);
        String secondEmail = ((List<Map<String, Object>>) (List<?>) expect(http.get("/api/v1/users", t.admin()), 200).list()).stream()
                .filter(u -> u.get("email").toString().startsWith("second-")).findFirst().orElseThrow().get("email").toString();
        AdminBrowser otherAdmin = AdminBrowser.signIn(server.getURI(), SLUG, secondEmail, TenantFixture.PASSWORD);
        AdminBrowser sameAdminOtherSession = AdminBrowser.signIn(server.getURI(), SLUG, "admin@" + SLUG + ".example.com",
                TenantFixture.PASSWORD);

        for (AdminBrowser stranger : List.of(otherAdmin, sameAdminOtherSession)) {
            AdminBrowser.Page refused = stranger.arrive(back, "application/json");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("another admin session").contains("nothing was changed");
        }
        assertThat(state()).isEqualTo("PENDING");
        assertThat(GOOGLE.takeRequests()).isEmpty();

        assertThat(admin.arrive(back, "application/json").status()).isEqualTo(200);
        assertThat(state()).isEqualTo("CONNECTED");
    }

    @Test
    void aDeclinedConsentChangesNothing_andUsesUpItsState() throws Exception {
        String state = stateOf(admin.startConsent(touchpoint));

        AdminBrowser.Page declined = admin.get("/oauth/callback/google?error=access_denied&state=" + state, "text/html");

        assertThat(declined.status()).isEqualTo(400);
        assertThat(declined.body()).contains("declined at Google (access_denied)").contains("nothing was changed");
        assertThat(state()).isEqualTo("PENDING");
        assertThat(history()).isEmpty();
        assertThat(GOOGLE.takeRequests()).isEmpty();
        assertThat(admin.get("/oauth/callback/google?code=anything&state=" + state, "application/json").body())
                .contains("already used");
    }

    @Test
    void aCodeBroughtToTheOtherProvidersCallbackIsRefused_andTheConsentStillCompletesAtItsOwn() throws Exception {
        URI back = GOOGLE.authorize(admin.startConsent(touchpoint), mailbox);

        AdminBrowser.Page wrong = admin.get("/oauth/callback/microsoft?" + back.getRawQuery(), "application/json");

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("started for Google but came back from Microsoft").contains("nothing was changed");
        assertThat(GOOGLE.takeRequests()).as("the code went to no token endpoint").isEmpty();
        assertThat(state()).isEqualTo("PENDING");
        assertThat(admin.arrive(back, "application/json").status()).isEqualTo(200);
    }

    @Test
    void permissionsNotGrantedLeaveTheTouchpointUnconnected_andStoreNothing() throws Exception {
        URI back = GOOGLE.authorize(admin.startConsent(touchpoint), mailbox);
        GOOGLE.script(200, AuthorizationServer.tokens("at-partial", "rt-partial", "openid email https://www.googleapis.com/auth/gmail.modify"));
        long profileReads = GMAIL.count(Endpoint.PROFILE);

        AdminBrowser.Page refused = admin.arrive(back, "application/json");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("missing: https://www.googleapis.com/auth/gmail.send").contains("not connected");
        assertThat(state()).isEqualTo("PENDING");
        assertThat(history()).isEmpty();
        assertThat(GMAIL.count(Endpoint.PROFILE)).as("the token was never used").isEqualTo(profileReads);
        // Nothing stored: a later consent with every permission is a first connection.
        assertThat(admin.arrive(GOOGLE.authorize(admin.startConsent(touchpoint), mailbox), "application/json").status()).isEqualTo(200);
        assertThat(history()).singleElement().satisfies(h -> assertThat(h).containsEntry("from", "PENDING").containsEntry("to", "CONNECTED"));
    }

    @Test
    void aMissingOrExpiredStateIsRefused() throws Exception {
        AdminBrowser.Page missing = admin.get("/oauth/callback/google?code=abc", "application/json");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("state");

        Duration ttl = consentSettings.getStateTtl();
        URI authorization;
        try {
            consentSettings.setStateTtl(Duration.ofSeconds(-1)); // a consent that is already past its time
            authorization = admin.startConsent(touchpoint);
        } finally {
            consentSettings.setStateTtl(ttl);
        }
        AdminBrowser.Page expired = admin.arrive(GOOGLE.authorize(authorization, mailbox), "application/json");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.body()).contains("expired").contains("nothing was changed");
        assertThat(state()).isEqualTo("PENDING");
        assertThat(GOOGLE.takeRequests().stream().filter(r -> r.contains("grant_type=authorization_code"))).isEmpty();
    }

    @Test
    void aBrowserArrivingWithoutItsSessionCookieIsSentThroughOnceMore_thenAskedToSignIn() throws Exception {
        var anonymous = java.net.http.HttpClient.newHttpClient();
        var first = anonymous.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/oauth/callback/google?code=c1&state=s1"))
                .header("Accept", "text/html").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("http-equiv=\"refresh\"").contains("/oauth/callback/google?resumed=1&amp;code=c1&amp;state=s1");
        assertThat(first.headers().firstValue("Referrer-Policy")).contains("no-referrer");

        var second = anonymous.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/oauth/callback/google?resumed=1&code=c1&state=s1"))
                .header("Accept", "text/html").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(second.statusCode()).isEqualTo(401);
        assertThat(second.body()).contains("sign in as the admin who started the connection");
    }

    private static String stateOf(URI authorization) {
        Matcher m = Pattern.compile("[?&]state=([^&]+)").matcher(authorization.getRawQuery() == null ? "" : "?" + authorization.getRawQuery());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private String state() {
        return http.get("/api/v1/touchpoints/" + touchpoint, t.admin()).string("connectionState");
    }

    private List<Map<String, Object>> history() {
        return expect(http.get("/api/v1/touchpoints/" + touchpoint + "/history", t.admin()), 200).list();
    }
}
