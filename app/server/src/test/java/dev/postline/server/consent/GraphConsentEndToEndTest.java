package dev.postline.server.consent;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.graphdouble.GraphDouble;
import dev.postline.connectors.graphdouble.RequestKind;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Microsoft 365 mailbox connected end to end: the admin starts the consent, signs in at
 * mock-oauth2-server (standing in for Entra ID over TLS: authorization code with PKCE and the v2.0
 * scopes, real JWT access tokens), the code is redeemed and later refreshed through MSAL (as in
 * production), the callback checks the mailbox through the Graph double ({@code GET /me})
 * and connects the touchpoint; customer mail delivered into the double lands in the ring group's
 * queue and the agent's reply is sent through Graph, threaded. Re-authenticating as another account
 * is refused; a grant Microsoft revokes (AADSTS50173 at refresh) expires the touchpoint and alerts
 * the admins.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphConsentEndToEndTest implements PostlineTestProperties {

    static final AuthorizationServer MICROSOFT = new AuthorizationServer("microsoft", true); // over TLS: reached through MSAL
    static final GraphDouble GRAPH = GraphDouble.start();
    static final String SLUG = "graph-consent";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    AdminBrowser admin;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = new HashMap<>(MICROSOFT.platformApp("postline.oauth.microsoft.", "/oauth/callback/microsoft"));
        props.put("postline.oauth.keep-alive.enabled", "false");
        props.put("postline.sync.enabled", "true");
        props.put("postline.sync.allow-private-networks", "true");
        props.put("postline.sync.extra-ports", Integer.toString(GRAPH.port()));
        props.put("postline.sync.rescan-interval", "200ms");
        props.put("postline.outbox.poll-interval", "100ms");
        return props;
    }

    @BeforeAll
    void tenant() throws Exception {
        GRAPH.trustTokens(MICROSOFT::subjectOf);
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, SLUG);
        admin = AdminBrowser.signIn(server.getURI(), SLUG, "admin@" + SLUG + ".example.com", TenantFixture.PASSWORD);
    }

    @AfterAll
    void stop() {
        MICROSOFT.shutdown();
        GRAPH.close();
    }

    @Test
    void anAdminConnectsAMicrosoft365Mailbox_mailReachesTheQueue_andTheAgentsReplyIsSentThroughGraphThreaded() throws Exception {
        String support = "support@m365-e2e.example.com";
        String touchpoint = graphTouchpoint(support, "M365 support");

        URI authorization = admin.startConsent(touchpoint);
        assertThat(authorization.toString()).startsWith(MICROSOFT.authorizationEndpoint() + "?")
                .contains("scope=openid%20email%20offline_access%20Mail.ReadWrite%20Mail.Send%20User.Read")
                .contains("code_challenge_method=S256").contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Foauth%2Fcallback%2Fmicrosoft");
        URI back = MICROSOFT.authorize(authorization, support);
        assertThat(back.getPath()).isEqualTo("/oauth/callback/microsoft");

        AdminBrowser.Page done = admin.arrive(back, "application/json");

        connected(done);
        assertThat(done.body()).contains("\"mailbox\":\"" + support + "\"").contains(touchpoint);
        assertThat(state(touchpoint)).isEqualTo("CONNECTED");
        assertThat(MICROSOFT.takeRequests()).anySatisfy(r -> assertThat(r).startsWith("/microsoft/oauth2/v2.0/token ") // MSAL's path
                .contains("grant_type=authorization_code").contains("code_verifier=").contains("client_info=1")
                .contains("Mail.ReadWrite").contains("Mail.Send").contains("User.Read").contains("offline_access"));
        assertThat(GRAPH.requests(RequestKind.ME)).isNotEmpty();
        assertThat(history(touchpoint).getFirst()).containsEntry("to", "CONNECTED").containsEntry("cause", "ADMIN")
                .containsEntry("actorUserId", t.adminId());

        awaitPolling();
        GRAPH.deliver(support, MailboxServer.customerMail("ola@customer-m.example", support, "first@customer-m.example",
                "Invoice question", "Why two invoices?", List.of()).getBytes(StandardCharsets.UTF_8));
        String conversation = queued(t.agent(), "ola@customer-m.example");

        expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(), Map.of("text", "One was a duplicate.")), 202);

        String reply = Eventually.await("the reply received by the customer", Duration.ofSeconds(60),
                () -> GRAPH.receivedBy("ola@customer-m.example").stream().map(r -> new String(r, StandardCharsets.ISO_8859_1))
                        .filter(r -> r.contains("One was a duplicate.")).findFirst().orElse(null));
        assertThat(reply).contains("In-Reply-To: <first@customer-m.example>").contains("References: <first@customer-m.example>")
                .contains("Subject: Re: Invoice question").contains("From: ").contains(support);
        Eventually.await("the reply marked SENT", Duration.ofSeconds(30), () -> messages(conversation).stream()
                .anyMatch(m -> "OUTBOUND".equals(m.get("direction")) && "SENT".equals(m.get("deliveryStatus"))));
    }

    @Test
    void reAuthenticatingAsAnotherMicrosoftAccountIsRefused_andTheMailboxStaysConnectedAsItWas() throws Exception {
        String support = "help@m365-reauth.example.com";
        String touchpoint = graphTouchpoint(support, "M365 reauth");
        GRAPH.addMailbox("someone.else@m365-reauth.example.com", "seed-" + UUID.randomUUID());
        connect(touchpoint, support);
        int entries = history(touchpoint).size();

        URI authorization = admin.startConsent(touchpoint);
        AdminBrowser.Page refused = admin.arrive(MICROSOFT.authorize(authorization, "someone.else@m365-reauth.example.com"),
                "text/html");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.body()).contains("someone.else@m365-reauth.example.com").contains(support).contains("nothing was changed");
        assertThat(state(touchpoint)).isEqualTo("CONNECTED");
        assertThat(history(touchpoint)).hasSize(entries);

        awaitPolling();
        GRAPH.deliver(support, MailboxServer.customerMail("kai@customer-m2.example", support, "q@customer-m2.example",
                "Still there?", "Hello", List.of()).getBytes(StandardCharsets.UTF_8));
        queued(t.agent(), "kai@customer-m2.example");
    }

    @Test
    void aGrantMicrosoftRevokesExpiresTheTouchpoint_andAlertsTheAdmins() throws Exception {
        String support = "orders@m365-revoked.example.com";
        String touchpoint = graphTouchpoint(support, "M365 revoked");
        URI authorization = admin.startConsent(touchpoint);
        MICROSOFT.tokensLast(60); // shorter than the refresh margin: every use refreshes first
        connected(admin.arrive(MICROSOFT.authorize(authorization, support), "application/json"));

        MICROSOFT.script(400, AuthorizationServer.error("invalid_grant",
                "AADSTS50173: The provided grant has expired due to it being revoked."));

        Eventually.await("the touchpoint EXPIRED", Duration.ofSeconds(60), () -> "EXPIRED".equals(state(touchpoint)));
        assertThat(history(touchpoint).getFirst()).containsEntry("to", "EXPIRED").containsEntry("cause", "SYNC");
        assertThat(expect(http.get("/api/v1/notifications", t.admin()), 200).list()).anySatisfy(n -> {
            assertThat(n).containsEntry("touchpointId", touchpoint).containsEntry("kind", "CONNECTION_LOST");
            assertThat(n.get("title").toString()).startsWith("Re-authentication required");
            assertThat(n.get("detail").toString()).contains("AADSTS50173");
        });
    }

    @Test
    void aCodeMicrosoftRefusesIsA400_aTokenEndpointOutageA502_andNeitherStoresAnything() throws Exception {
        String support = "code@m365-refused.example.com";
        String touchpoint = graphTouchpoint(support, "M365 refused code");

        URI back = MICROSOFT.authorize(admin.startConsent(touchpoint), support);
        MICROSOFT.script(400, AuthorizationServer.error("invalid_grant", "AADSTS54005: OAuth2 Authorization code was already redeemed"));
        AdminBrowser.Page refused = admin.arrive(back, "application/json");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Microsoft refused the authorization code").contains("nothing was changed")
                .doesNotContain("already redeemed");

        back = MICROSOFT.authorize(admin.startConsent(touchpoint), support);
        MICROSOFT.script(503, AuthorizationServer.error("temporarily_unavailable", "AADSTS90033: try later"));
        AdminBrowser.Page outage = admin.arrive(back, "application/json");

        assertThat(outage.status()).isEqualTo(502);
        assertThat(outage.body()).contains("answered 503").contains("nothing was changed").doesNotContain("try later");
        assertThat(state(touchpoint)).isEqualTo("PENDING");
        assertThat(history(touchpoint)).noneMatch(h -> "CONNECTED".equals(h.get("to")));
    }

    private String graphTouchpoint(String address, String name) {
        GRAPH.addMailbox(address, "seed-" + UUID.randomUUID());
        // Only the service root and a short poll: the mailbox setting comes from the address.
        return expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", name,
                "connector", "graph", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", Map.of("baseUrl", GRAPH.baseUrl(), "pollIntervalSeconds", "1"))), 201).string("id");
    }

    private void connect(String touchpoint, String mailbox) throws Exception {
        URI authorization = admin.startConsent(touchpoint);
        connected(admin.arrive(MICROSOFT.authorize(authorization, mailbox), "application/json"));
    }

    private static void connected(AdminBrowser.Page page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("\"connectionState\":\"CONNECTED\"");
    }

    /** The sync has taken its starting point (new mail only) once it polls the delta link. */
    private void awaitPolling() {
        int before = GRAPH.requests(RequestKind.DELTA).size();
        Eventually.await("the sync polling the Graph delta", Duration.ofSeconds(60), () -> GRAPH.requests(RequestKind.DELTA).size() > before + 1);
    }

    private String queued(Http.Auth agent, String customer) {
        return Eventually.await("the conversation of " + customer + " in the agent's queue", Duration.ofSeconds(60), () -> {
            var items = (List<Map<String, Object>>) http.get("/api/v1/conversations?limit=200", agent).map().get("items");
            return items.stream().filter(c -> customer.equals(c.get("customerAddress"))).findFirst().map(c -> c.get("id").toString())
                    .orElse(null);
        });
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> messages(String conversation) {
        return (List<Map<String, Object>>) expect(http.get("/api/v1/conversations/" + conversation, t.admin()), 200).map().get("messages");
    }

    private String state(String touchpoint) {
        return http.get("/api/v1/touchpoints/" + touchpoint, t.admin()).string("connectionState");
    }

    private List<Map<String, Object>> history(String touchpoint) {
        return expect(http.get("/api/v1/touchpoints/" + touchpoint + "/history", t.admin()), 200).list();
    }

}
