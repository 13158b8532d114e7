package dev.postline.server.consent;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.gmaildouble.Endpoint;
import dev.postline.connectors.gmaildouble.GmailDouble;
import dev.postline.connectors.gmaildouble.StoredMessage;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Gmail mailbox connected end to end: the admin starts the consent, authorizes at
 * mock-oauth2-server (standing in for Google: authorization code with PKCE, real JWT access tokens),
 * the callback checks the mailbox through the Gmail double (users.getProfile) and connects the
 * touchpoint; then customer mail delivered into the double lands in the ring group's queue and the
 * agent's reply leaves through messages.send, threaded. Re-authenticating as another Google account
 * is refused; a grant Google stops honouring (invalid_grant at refresh) expires the touchpoint and
 * alerts the admins.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailConsentEndToEndTest implements PostlineTestProperties {

    static final AuthorizationServer GOOGLE = new AuthorizationServer("google");
    static final GmailDouble GMAIL = GmailDouble.start();
    static final String SLUG = "gmail-consent";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    AdminBrowser admin;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = new HashMap<>(GOOGLE.platformApp("postline.oauth.google.", "/oauth/callback/google"));
        props.put("postline.oauth.google.publishing-status", "production");
        props.put("postline.oauth.keep-alive.enabled", "false");
        props.put("postline.sync.enabled", "true");
        props.put("postline.sync.allow-private-networks", "true");
        props.put("postline.sync.extra-ports", Integer.toString(GMAIL.port()));
        props.put("postline.sync.rescan-interval", "200ms");
        props.put("postline.outbox.poll-interval", "100ms");
        return props;
    }

    @BeforeAll
    void tenant() throws Exception {
        GMAIL.trustTokens(GOOGLE::subjectOf);
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, SLUG);
        admin = AdminBrowser.signIn(server.getURI(), SLUG, "admin@" + SLUG + ".example.com", TenantFixture.PASSWORD);
    }

    @AfterAll
    void stop() {
        GOOGLE.shutdown();
        GMAIL.close();
    }

    @Test
    void anAdminConnectsAGmailMailbox_mailReachesTheQueue_andTheAgentsReplyLeavesThroughGmailInTheSameThread() throws Exception {
        String support = "support@gmail-e2e.example.com";
        String touchpoint = gmailTouchpoint(support, "Gmail support");

        URI authorization = admin.startConsent(touchpoint);
        assertThat(authorization.toString()).startsWith(GOOGLE.authorizationEndpoint() + "?")
                .contains("access_type=offline").contains("prompt=consent").contains("code_challenge_method=S256")
                .contains("scope=openid%20email%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.modify%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.send")
                .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Foauth%2Fcallback%2Fgoogle");
        URI back = GOOGLE.authorize(authorization, support);
        assertThat(back.getPath()).isEqualTo("/oauth/callback/google");

        AdminBrowser.Page page = admin.arrive(back, "text/html");

        assertThat(page.status()).as(page.body()).isEqualTo(303);
        assertThat(page.location()).isEqualTo("/admin/touchpoints/" + touchpoint);
        assertThat(page.headers().get("referrer-policy")).containsExactly("no-referrer");
        assertThat(state(touchpoint)).isEqualTo("CONNECTED");
        assertThat(GOOGLE.takeRequests()).anySatisfy(r -> assertThat(r).startsWith("/google/token ")
                .contains("grant_type=authorization_code").contains("code_verifier="));
        assertThat(history(touchpoint).getFirst()).containsEntry("to", "CONNECTED").containsEntry("cause", "ADMIN")
                .containsEntry("actorUserId", t.adminId());

        awaitPolling();
        String raw = MailboxServer.customerMail("maria@customer-g.example", support, "first@customer-g.example",
                "My parcel is late", "Where is parcel 42?", List.of());
        StoredMessage inbound = GMAIL.deliver(support, raw.getBytes(StandardCharsets.UTF_8));
        String conversation = queued(t.agent(), "maria@customer-g.example");

        expect(http.post("/api/v1/conversations/" + conversation + "/reply", t.agent(), Map.of("text", "It ships today.")), 202);

        StoredMessage sent = Eventually.await("the reply in the mailbox's SENT", Duration.ofSeconds(60),
                () -> GMAIL.sent(support).stream().filter(m -> text(m).contains("It ships today.")).findFirst().orElse(null));
        String reply = text(sent);
        assertThat(reply).contains("In-Reply-To: <first@customer-g.example>").contains("References: <first@customer-g.example>")
                .contains("To: ").contains("maria@customer-g.example").contains("Subject: Re: My parcel is late");
        assertThat(sent.threadId()).as("the reply joins the customer's Gmail thread").isEqualTo(inbound.threadId());
        Eventually.await("the reply marked SENT", Duration.ofSeconds(30), () -> messages(conversation).stream()
                .anyMatch(m -> "OUTBOUND".equals(m.get("direction")) && "SENT".equals(m.get("deliveryStatus"))));
    }

    @Test
    void reAuthenticatingAsAnotherGoogleAccountIsRefused_andTheMailboxStaysConnectedAsItWas() throws Exception {
        String support = "help@gmail-reauth.example.com";
        String touchpoint = gmailTouchpoint(support, "Gmail reauth");
        connect(touchpoint, support);
        int entries = history(touchpoint).size();
        GOOGLE.takeRequests();

        URI authorization = admin.startConsent(touchpoint);
        AdminBrowser.Page refused = admin.arrive(GOOGLE.authorize(authorization, "private.person@gmail-reauth.example.com"),
                "application/json");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("private.person@gmail-reauth.example.com").contains(support).contains("nothing was changed");
        assertThat(state(touchpoint)).isEqualTo("CONNECTED");
        assertThat(history(touchpoint)).hasSize(entries);

        // The stored grant is still the first one: the mailbox keeps syncing as help@.
        awaitPolling();
        GMAIL.deliver(support, MailboxServer.customerMail("li@customer-g2.example", support, "q@customer-g2.example",
                "Still there?", "Hello", List.of()).getBytes(StandardCharsets.UTF_8));
        queued(t.agent(), "li@customer-g2.example");
    }

    @Test
    void aGrantGoogleNoLongerHonoursExpiresTheTouchpoint_andAlertsTheAdmins() throws Exception {
        String support = "orders@gmail-revoked.example.com";
        String touchpoint = gmailTouchpoint(support, "Gmail revoked");
        URI authorization = admin.startConsent(touchpoint);
        GOOGLE.tokensLast(60); // shorter than the refresh margin: every use refreshes first
        connected(admin.arrive(GOOGLE.authorize(authorization, support), "application/json"));

        GOOGLE.script(400, AuthorizationServer.error("invalid_grant", "Token has been expired or revoked."));

        Eventually.await("the touchpoint EXPIRED", Duration.ofSeconds(60), () -> "EXPIRED".equals(state(touchpoint)));
        assertThat(history(touchpoint).getFirst()).containsEntry("to", "EXPIRED").containsEntry("cause", "SYNC");
        List<Map<String, Object>> notices = expect(http.get("/api/v1/notifications", t.admin()), 200).list();
        assertThat(notices).anySatisfy(n -> {
            assertThat(n).containsEntry("touchpointId", touchpoint).containsEntry("kind", "CONNECTION_LOST");
            assertThat(n.get("title").toString()).startsWith("Re-authentication required");
            assertThat(n.get("detail").toString()).contains("expired or revoked");
        });

        // Re-authentication brings it back, with a recovered notice.
        connect(touchpoint, support);
        assertThat(state(touchpoint)).isEqualTo("CONNECTED");
        assertThat(expect(http.get("/api/v1/notifications", t.admin()), 200).list())
                .anySatisfy(n -> assertThat(n).containsEntry("touchpointId", touchpoint).containsEntry("kind", "RECOVERED"));
    }

    private String gmailTouchpoint(String address, String name) {
        // Only the API root and a short poll: the mailbox setting comes from the address.
        return expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", name,
                "connector", "gmail", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", Map.of("apiRootUrl", GMAIL.rootUrl(), "pollIntervalSeconds", "1"))), 201).string("id");
    }

    private void connect(String touchpoint, String mailbox) throws Exception {
        URI authorization = admin.startConsent(touchpoint);
        connected(admin.arrive(GOOGLE.authorize(authorization, mailbox), "application/json"));
    }

    private static void connected(AdminBrowser.Page page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("\"connectionState\":\"CONNECTED\"");
    }

    /** The sync has taken its starting point (new mail only) once it polls history. */
    private void awaitPolling() {
        long before = GMAIL.count(Endpoint.HISTORY_LIST);
        Eventually.await("the sync polling Gmail history", Duration.ofSeconds(60), () -> GMAIL.count(Endpoint.HISTORY_LIST) > before + 1);
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

    private static String text(StoredMessage m) {
        return new String(m.raw(), StandardCharsets.ISO_8859_1);
    }
}
