package dev.postline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connecting a Gmail touchpoint from the admin pages: the re-authenticate page's "Reconnect with
 * Google" and the wizard both post a CSRF-checked form that starts the consent (mock-oauth2-server
 * as Google's authorization server) and answers 303 to the provider, with PKCE S256 and a state.
 * Without the session's token, or as an agent, nothing starts.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminOAuthConnectPagesHttpTest implements PostlineTestProperties {

    static final String SLUG = "oauthpages";
    static final MockOAuth2Server GOOGLE = started();

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    String gmail;

    private static MockOAuth2Server started() {
        MockOAuth2Server s = new MockOAuth2Server(new OAuth2Config());
        s.start();
        return s;
    }

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("postline.oauth.google.client-id", "google-client-id");
        props.put("postline.oauth.google.client-secret", "google-client-secret-canary");
        props.put("postline.oauth.google.redirect-uri", "http://127.0.0.1:8080/oauth/callback/google");
        props.put("postline.oauth.google.token-uri", GOOGLE.tokenEndpointUrl("google").toString());
        props.put("postline.oauth.google.authorization-uri", authorizeUrl());
        props.put("postline.oauth.google.publishing-status", "production");
        props.put("postline.oauth.keep-alive.enabled", "false");
        return props;
    }

    private static String authorizeUrl() {
        return GOOGLE.authorizationEndpointUrl("google").toString();
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, SLUG);
        gmail = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "help@oauthpages.example.com",
                "displayName", "Gmail help", "connector", "gmail", "direction", "BOTH")), 201).string("id");
    }

    @AfterAll
    void stop() {
        GOOGLE.shutdown();
    }

    @Test
    void theReauthenticatePageOffersTheConsentButton_whichRefusesAPostWithoutTheToken_andOtherwiseGoesToGoogle() {
        FormClient admin = signedIn("admin");
        var page = admin.get("/admin/touchpoints/" + gmail + "/reauthenticate");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/admin/touchpoints/" + gmail + "/oauth/connect\"")
                .containsPattern("<button type=\"submit\" class=\"primary\">Reconnect with Google</button>")
                .doesNotContain("disabled");
        String path = "/admin/touchpoints/" + gmail + "/oauth/connect";

        var refused = admin.post(path, Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Form expired");
        assertThat(admin.post(path, Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);

        var started = admin.post(path, Map.of("_csrf", FormClient.token(page)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        URI location = URI.create(started.headers().firstValue("location").orElseThrow());
        assertThat(location.toString()).startsWith(authorizeUrl() + "?").contains("code_challenge_method=S256")
                .contains("code_challenge=").contains("client_id=google-client-id")
                .containsPattern("[?&]state=[A-Za-z0-9_-]{20,}");
    }

    @Test
    void anAgentCannotStartAConsent_evenWithTheirOwnSessionsToken() {
        FormClient agent = signedIn("agent");
        var forbidden = agent.get("/admin/touchpoints/" + gmail + "/reauthenticate");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        String token = FormClient.token(forbidden);
        var refused = agent.post("/admin/touchpoints/" + gmail + "/oauth/connect", Map.of("_csrf", token));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("location")).isEmpty();
    }

    @Test
    void aPasswordTouchpointHasNoConsent_andThePageSaysWhy() {
        FormClient admin = signedIn("admin");
        String token = FormClient.token(admin.get("/admin/touchpoints"));
        var refused = admin.post("/admin/touchpoints/" + t.touchpointId() + "/oauth/connect", Map.of("_csrf", token));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("logs in with a password");
    }

    @Test
    void theWizardAsksNoPasswordForGmail_andCreatingGoesStraightToGooglesConsent() {
        FormClient admin = signedIn("admin");
        var connection = admin.get("/admin/touchpoints/new/connection?connector=gmail");
        assertThat(connection.statusCode()).isEqualTo(200);
        assertThat(connection.body()).doesNotContain("type=\"password\"").doesNotContain("name=\"s.emailAddress\"")
                .doesNotContain("Test connection").contains("No password");
        String token = FormClient.token(connection);

        Map<String, String> draft = new HashMap<>(Map.of("_csrf", token, "connector", "gmail", "address", "orders@oauthpages.example.com"));
        draft.putAll(Map.of("step", "connection", "go", "next"));
        var settings = admin.post("/admin/touchpoints/new", draft);
        assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        assertThat(settings.body()).contains("name=\"displayName\"");

        draft.putAll(Map.of("step", "summary", "go", "create", "displayName", "Gmail orders", "direction", "BOTH"));
        var created = admin.post("/admin/touchpoints/new", draft);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        assertThat(created.headers().firstValue("location").orElseThrow()).startsWith(authorizeUrl() + "?")
                .contains("code_challenge_method=S256").contains("state=");

        List<Map<String, Object>> touchpoints = http.get("/api/v1/touchpoints", t.admin()).list();
        assertThat(touchpoints).anySatisfy(tp -> {
            assertThat(tp).containsEntry("address", "orders@oauthpages.example.com").containsEntry("connector", "gmail");
            assertThat(tp.get("settings").toString()).contains("emailAddress=orders@oauthpages.example.com");
        });
    }

    private FormClient signedIn(String who) {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn(SLUG, who + "@" + SLUG + ".example.com", TenantFixture.PASSWORD);
        return browser;
    }
}
