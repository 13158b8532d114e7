package dev.postline.server.lifecycle;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailProxy;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The lifecycle against a real IMAP server (GreenMail) behind a proxy that can stop it and counts
 * logins, with admin notifications sent through a real SMTP relay (the same GreenMail, behind a
 * proxy that can stop too). Two admins, a supervisor and an agent: only the admins get mail.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionLifecycleFaultTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final MailProxy RELAY = new MailProxy(MAIL.smtpPort());
    static final MailProxy IMAP_SHOP = new MailProxy(MAIL.imapPort());
    static final MailProxy IMAP_SALES = new MailProxy(MAIL.imapPort());
    static final MailProxy IMAP_QUIET = new MailProxy(MAIL.imapPort());
    static final String DOMAIN = "lifecycle.example.com";
    static final String ADMIN2 = "second.admin@" + DOMAIN;
    static final String SUPERVISOR = "supervisor@" + DOMAIN;

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.sync.extra-ports", IMAP_SHOP.port() + "," + IMAP_SALES.port() + "," + IMAP_QUIET.port() + "," + MAIL.smtpPort());
        props.put("postline.sync.max-backoff", "500ms");
        props.put("postline.sync.reconcile-interval", "2s"); // a cycle: how soon a dropped IDLE connection is noticed
        props.put("postline.lifecycle.grace-period", "3s");
        props.put("postline.lifecycle.failures-before-lost", "5");
        props.put("postline.notifications.smtp.host", "127.0.0.1");
        props.put("postline.notifications.smtp.port", Integer.toString(RELAY.port()));
        props.put("postline.notifications.smtp.from", "postline@platform.example.net");
        props.put("postline.notifications.admin-base-url", "https://admin.example.test");
        props.put("postline.notifications.poll-interval", "200ms");
        props.put("postline.notifications.first-retry", "300ms");
        props.put("postline.notifications.max-retry", "1s");
        return props;
    }

    @BeforeAll
    void tenantWithTwoAdmins() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "lifecycle");
        expect(http.post("/api/v1/users", t.admin(), Map.of("email", ADMIN2, "displayName", "Second Admin", "role", "ADMIN",
                "password", TenantFixture.PASSWORD)), 201);
        expect(http.post("/api/v1/users", t.admin(), Map.of("email", SUPERVISOR, "displayName", "Supervisor", "role", "SUPERVISOR",
                "password", TenantFixture.PASSWORD)), 201);
        for (String user : List.of(t.slug(), "second.admin", "supervisor", "agent")) {
            MAIL.mailbox((user.equals(t.slug()) ? "admin" : user) + "@" + DOMAIN, "inbox-password");
        }
    }

    @AfterAll
    void stopServers() {
        RELAY.close();
        IMAP_SHOP.close();
        IMAP_SALES.close();
        IMAP_QUIET.close();
        MAIL.close();
    }

    @Test
    void aChangedPasswordExpiresAtOnceAlertsEachAdminOnceAndReauthenticationCatchesUpWithoutLoss() throws Exception {
        String address = "support@shop.example";
        GreenMailUser box = MAIL.mailbox(address, "first-password");
        MailProxy imap = IMAP_SHOP;
        {
            String id = touchpoint(address, "Support <b>Shop</b> & Co", imap, "first-password");
            deliver(box, address, "before-1");
            awaitConversations(id, 1);

            box.setPassword("second-password");
            imap.cutAll(); // the server ends the sessions of the old password
            Eventually.await("EXPIRED", Duration.ofSeconds(20), () -> "EXPIRED".equals(state(id)));
            int loginsWhenExpired = imap.logins();
            deliver(box, address, "while-expired-2");
            deliver(box, address, "while-expired-3");

            List<MimeMessage> alerts = awaitMailToEachAdmin("Re-authentication required", "Support <b>Shop</b> & Co");
            Thread.sleep(3_000); // six backoff periods of this configuration: a retrying loop would log in again
            assertThat(imap.logins()).as("no login attempts after EXPIRED").isEqualTo(loginsWhenExpired);
            assertThat(mailsFor(t.agent(), "agent@" + DOMAIN)).as("agents get no notification mail").isEmpty();
            assertThat(mailsFor(null, SUPERVISOR)).as("supervisors get no notification mail").isEmpty();

            MimeMessage alert = alerts.getFirst();
            assertThat(alert.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
            String body = bodyOf(alert);
            // The HTML part escapes the admin-chosen name; the text part shows it as written (#13 item 23: no entities there).
            assertThat(partOf(alert, "text/html")).contains("Support &lt;b&gt;Shop&lt;/b&gt; &amp; Co").doesNotContain("<b>Shop</b>");
            assertThat(partOf(alert, "text/plain")).contains("Support <b>Shop</b> & Co").doesNotContain("&lt;").doesNotContain("&amp;");
            assertThat(body).contains("https://admin.example.test/admin/touchpoints/" + id)
                    .doesNotContain("first-password").doesNotContain("second-password");

            var otherMailbox = http.post("/api/v1/touchpoints/" + id + "/reauthenticate", t.admin(),
                    Map.of("password", "second-password", "username", "someone.else@shop.example"));
            assertThat(otherMailbox.status()).as(otherMailbox.toString()).isEqualTo(409);
            assertThat(otherMailbox.body()).contains("same mailbox");
            var wrong = http.post("/api/v1/touchpoints/" + id + "/reauthenticate", t.admin(), Map.of("password", "not-it"));
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
            assertThat(wrong.body()).contains("password").doesNotContain("not-it");
            assertThat(state(id)).as("refused re-authentications change nothing").isEqualTo("EXPIRED");
            assertThat(http.post("/api/v1/touchpoints/" + id + "/reconnect", t.admin(), null).status())
                    .as("an expired touchpoint needs re-authentication, not a reconnect").isEqualTo(409);

            expect(http.post("/api/v1/touchpoints/" + id + "/reauthenticate", t.admin(),
                    Map.of("password", "second-password", "username", address)), 204);
            Eventually.await("CONNECTED", Duration.ofSeconds(20), () -> "CONNECTED".equals(state(id)));
            awaitConversations(id, 3);
            awaitMailToEachAdmin("Connection recovered", "Support <b>Shop</b> & Co");
            assertThat(mailsFor(null, "admin@" + DOMAIN)).filteredOn(m -> subject(m).contains("Shop"))
                    .as("one alert and one recovered notice").hasSize(2);
            assertThat(conversations(id)).as("every mail once").hasSize(3);

            List<Map<String, Object>> history = expect(http.get("/api/v1/touchpoints/" + id + "/history", t.admin()), 200).list();
            assertThat(history).extracting(h -> h.get("from") + ">" + h.get("to") + " " + h.get("cause"))
                    .containsSubsequence("PENDING>CONNECTED SYNC", "EXPIRED>PENDING ADMIN", "CONNECTED>EXPIRED SYNC");
            assertThat(history).filteredOn(h -> "ADMIN".equals(h.get("cause"))).extracting(h -> h.get("actorUserId"))
                    .containsOnly(t.adminId());
            assertThat(notices(id)).extracting(n -> n.get("kind")).containsExactly("RECOVERED", "CONNECTION_LOST");
        }
    }

    @Test
    void aServerDownLongerThanTheGracePeriodIsLostAlertsOnceAndRecoversByItselfEvenThroughARelayOutage() {
        String address = "sales@shop.example";
        GreenMailUser box = MAIL.mailbox(address, "sales-password");
        MailProxy imap = IMAP_SALES;
        {
            String id = touchpoint(address, "Sales inbox", imap, "sales-password");
            assertThat(http.post("/api/v1/touchpoints/" + id + "/reconnect", t.admin(), null).status())
                    .as("nothing to reconnect").isEqualTo(409);

            RELAY.down();
            imap.down();
            deliver(box, address, "while-down-1");
            Eventually.await("CONNECTION_LOST", Duration.ofSeconds(20), () -> "CONNECTION_LOST".equals(state(id)));
            assertThat(notices(id)).extracting(n -> n.get("kind")).containsExactly("CONNECTION_LOST");
            assertThat(http.post("/api/v1/touchpoints/" + id + "/reconnect", t.agent(), null).status()).isEqualTo(403);
            assertThat(http.post("/api/v1/touchpoints/" + id + "/reconnect", t.admin(), null).status()).isEqualTo(202);
            assertThat(expect(http.get("/api/v1/touchpoints/" + id + "/history", t.admin()), 200).list().getFirst())
                    .containsEntry("reason", "reconnect requested by an admin").containsEntry("actorUserId", t.adminId());

            RELAY.up(); // the alert written while the relay was down is delivered now
            awaitMailToEachAdmin("Connection lost", "Sales inbox");
            imap.up();
            Eventually.await("CONNECTED again by itself", Duration.ofSeconds(20), () -> "CONNECTED".equals(state(id)));
            awaitConversations(id, 1);
            awaitMailToEachAdmin("Connection recovered", "Sales inbox");
            assertThat(mailsFor(null, ADMIN2)).filteredOn(m -> subject(m).contains("Sales inbox")).hasSize(2);
            assertThat(notices(id)).extracting(n -> n.get("kind")).containsExactly("RECOVERED", "CONNECTION_LOST");
            assertThat(conversations(id)).hasSize(1);

            String noticeId = notices(id).getFirst().get("id").toString();
            assertThat(expect(http.post("/api/v1/notifications/" + noticeId + "/read", t.admin(), null), 200).map())
                    .containsEntry("read", true);
            assertThat(expect(http.get("/api/v1/notifications?unread=true", t.admin()), 200).list())
                    .extracting(n -> n.get("id")).doesNotContain(noticeId);
            assertThat(http.get("/api/v1/notifications", t.agent()).status()).isEqualTo(403);
        }
    }

    @Test
    void anOutageWithoutNewMailStopsShowingItsErrorOnceASyncSucceedsAgain() {
        String address = "quiet@shop.example";
        MAIL.mailbox(address, "quiet-password");
        String id = touchpoint(address, "Quiet inbox", IMAP_QUIET, "quiet-password");
        IMAP_QUIET.down();
        Eventually.await("the failure shown", Duration.ofSeconds(20), () -> lastError(id) != null);
        IMAP_QUIET.up();
        // No mail arrives, so no cursor moves: only the successful (empty) round can clear the error.
        Eventually.await("the last error cleared", Duration.ofSeconds(20), () -> lastError(id) == null);
        assertThat(lifecycle(id).get("lastSuccessfulSync")).as("the successful round is recorded").isNotNull();
        Eventually.await("CONNECTED", Duration.ofSeconds(20), () -> "CONNECTED".equals(state(id)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lifecycle(String id) {
        return (Map<String, Object>) http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("lifecycle");
    }

    private Object lastError(String id) {
        return lifecycle(id).get("lastError");
    }

    private String touchpoint(String address, String name, MailProxy imap, String password) {
        Map<String, String> settings = MAIL.touchpointSettings(address);
        settings.put("imapPort", Integer.toString(imap.port()));
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", name,
                "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()), "settings", settings)), 201)
                .string("id");
        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", password)), 204);
        Eventually.await(name + " CONNECTED", Duration.ofSeconds(20), () -> "CONNECTED".equals(state(id)));
        return id;
    }

    private void deliver(GreenMailUser box, String to, String token) {
        MAIL.deliver(box, MailboxServer.customerMail("customer@buyer.example", to, token + "@buyer.example",
                "Question " + token, "Hello " + token, List.of()));
    }

    /** Waits until both admins have one mail whose subject has both parts; returns them. */
    private List<MimeMessage> awaitMailToEachAdmin(String kind, String touchpointName) {
        for (String admin : List.of("admin@" + DOMAIN, ADMIN2)) {
            Eventually.await("'" + kind + "' mail to " + admin, Duration.ofSeconds(20), () -> !matching(admin, kind, touchpointName).isEmpty());
        }
        List<MimeMessage> first = matching("admin@" + DOMAIN, kind, touchpointName);
        List<MimeMessage> second = matching(ADMIN2, kind, touchpointName);
        assertThat(first).as("exactly one to the first admin").hasSize(1);
        assertThat(second).as("exactly one to the second admin").hasSize(1);
        return List.of(first.getFirst(), second.getFirst());
    }

    private List<MimeMessage> matching(String recipient, String kind, String touchpointName) {
        return mailsFor(null, recipient).stream().filter(m -> subject(m).contains(kind) && subject(m).contains(touchpointName)).toList();
    }

    private static List<MimeMessage> mailsFor(Object unused, String recipient) {
        return MAIL.messagesFor(DOMAIN).stream().filter(m -> {
            try {
                return ((jakarta.mail.internet.InternetAddress) m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0])
                        .getAddress().equalsIgnoreCase(recipient);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded text of every text part. */
    private static String partOf(MimeMessage m, String type) throws Exception {
        Multipart multipart = (Multipart) m.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return String.valueOf(part.getContent());
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String bodyOf(MimeMessage m) throws Exception {
        StringBuilder out = new StringBuilder();
        Object content = m.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                out.append(part.getContent()).append('\n');
            }
        } else {
            out.append(content);
        }
        return out.toString();
    }

    private void awaitConversations(String id, int count) {
        Eventually.await(count + " conversations", Duration.ofSeconds(20), () -> conversations(id).size() >= count);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> conversations(String id) {
        return (List<Map<String, Object>>) expect(http.get("/api/v1/conversations?touchpointId=" + id, t.admin()), 200).map().get("items");
    }

    private List<Map<String, Object>> notices(String touchpointId) {
        return expect(http.get("/api/v1/notifications", t.admin()), 200).list().stream()
                .filter(n -> touchpointId.equals(n.get("touchpointId"))).toList();
    }

    private String state(String id) {
        return http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState");
    }
}
