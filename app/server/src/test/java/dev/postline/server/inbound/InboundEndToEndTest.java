package dev.postline.server.inbound;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.SseClient;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Customer mail on a real IMAP server becomes a conversation in the linked ring group's queue,
 * visible (API and SSE) to that group's agent and not to another group's; the customer's reply
 * joins the same conversation.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundEndToEndTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final String SUPPORT = "support@inbound.example.com";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    Auth otherAgent;
    String otherAgentToken;
    GreenMailUser mailbox;
    String touchpointId;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.sync.batch-size", "10");
        return props;
    }

    @BeforeAll
    void touchpointOnTheMailbox() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "inbound");
        mailbox = MAIL.mailbox(SUPPORT, "mailbox-password");
        // A second agent, in a ring group the touchpoint is not linked to.
        String otherGroup = expect(http.post("/api/v1/ring-groups", t.admin(), Map.of("name", "Other queue")), 201).string("id");
        String other = expect(http.post("/api/v1/users", t.admin(), Map.of("email", "other@inbound.example.com",
                "displayName", "Other Agent", "role", "AGENT", "password", TenantFixture.PASSWORD)), 201).string("id");
        expect(http.put("/api/v1/ring-groups/" + otherGroup + "/members/" + other, t.admin(), null), 204);
        otherAgentToken = http.login("inbound", "other@inbound.example.com", TenantFixture.PASSWORD);
        otherAgent = Auth.bearer(otherAgentToken);

        touchpointId = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", SUPPORT, "displayName", "Support inbox",
                "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", MAIL.touchpointSettings(SUPPORT))), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + touchpointId + "/credential", t.admin(), Map.of("password", "mailbox-password")), 204);
        Eventually.await("the touchpoint to connect", Duration.ofSeconds(20),
                () -> "CONNECTED".equals(http.get("/api/v1/touchpoints/" + touchpointId, t.admin()).string("connectionState")));
    }

    @AfterAll
    void stopMailServer() {
        MAIL.close();
    }

    @Test
    void customerMailBecomesAConversationInTheLinkedQueueAndTheReplyJoinsIt() throws Exception {
        try (SseClient agentEvents = new SseClient(URI.create(server.getURI() + "/api/v1/events"), t.agent().bearer());
             SseClient otherEvents = new SseClient(URI.create(server.getURI() + "/api/v1/events"), otherAgentToken)) {
            Thread.sleep(300); // let both streams subscribe before the mail lands
            MAIL.deliver(mailbox, MailboxServer.customerMail("jane@customer.example", SUPPORT, "first-1@customer.example",
                    "Where is my order?", "Order 4711 has not arrived.", List.of()));

            List<Map<String, Object>> queue = Eventually.await("the conversation in the agent's queue", Duration.ofSeconds(20), () -> {
                var items = janes(items(http.get("/api/v1/conversations", t.agent())));
                return items.isEmpty() ? null : items;
            });
            assertThat(queue).hasSize(1);
            Map<String, Object> conversation = queue.getFirst();
            String id = conversation.get("id").toString();
            assertThat(conversation).containsEntry("subject", "Where is my order?").containsEntry("customerAddress", "jane@customer.example")
                    .containsEntry("status", "OPEN").containsEntry("unread", true);

            String event = agentEvents.next(Duration.ofSeconds(10));
            while (event != null && !event.contains(id)) {
                event = agentEvents.next(Duration.ofSeconds(10)); // events of other tests' conversations
            }
            assertThat(event).as("SSE event for the agent").contains(id);
            assertThat(janes(items(http.get("/api/v1/conversations", otherAgent)))).as("other group's queue").isEmpty();
            assertThat(http.get("/api/v1/conversations/" + id, otherAgent).status()).isEqualTo(404);
            assertThat(otherEvents.next(Duration.ofMillis(500))).as("no event for the other group").isNull();

            MAIL.deliver(mailbox, MailboxServer.customerMail("jane@customer.example", SUPPORT, "second-2@customer.example",
                    "Re: Where is my order?", "Any news?", List.of("In-Reply-To: <first-1@customer.example>",
                            "References: <first-1@customer.example>")));
            Map<String, Object> detail = Eventually.await("the reply in the same conversation", Duration.ofSeconds(20), () -> {
                var d = http.get("/api/v1/conversations/" + id, t.agent()).map();
                return ((List<?>) d.get("messages")).size() == 2 ? d : null;
            });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> messages = (List<Map<String, Object>>) detail.get("messages");
            assertThat(messages).extracting(m -> m.get("text").toString().strip()).containsExactly("Order 4711 has not arrived.", "Any news?");
            assertThat(janes(items(http.get("/api/v1/conversations", t.agent())))).hasSize(1);

            var raw = http.get(messages.getFirst().get("rawUrl").toString(), t.agent());
            assertThat(raw.status()).isEqualTo(200);
            assertThat(raw.body()).contains("Message-ID: <first-1@customer.example>").contains("Order 4711 has not arrived.");
        }
    }

    @Test
    void anAgentsReplyReachesTheCustomerThreadedAndTheAnswerJoinsTheConversation() {
        MAIL.mailbox("sam@replies.example", "customer-password");
        MAIL.mailbox("boss@replies.example", "customer-password");
        MAIL.deliver(mailbox, MailboxServer.customerMail("sam@replies.example", SUPPORT, "ask-1@replies.example",
                "Broken kettle", "It does not heat.", List.of()));
        String id = Eventually.await("the question", Duration.ofSeconds(20), () -> items(http.get("/api/v1/conversations", t.agent()))
                .stream().filter(c -> "sam@replies.example".equals(c.get("customerAddress"))).findFirst().map(c -> c.get("id").toString())
                .orElse(null));

        var queued = http.post("/api/v1/conversations/" + id + "/reply", t.agent(),
                Map.of("text", "Sorry to hear that. A new one is on its way.", "cc", List.of("boss@replies.example"),
                        "bcc", List.of(SUPPORT))); // our own copy comes back through the sync: not a customer message
        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.string("status")).isEqualTo("QUEUED");

        List<String> received = Eventually.await("the reply at the customer", Duration.ofSeconds(20), () -> {
            var mails = MAIL.receivedFor("replies.example");
            return mails.size() >= 2 ? mails : null; // the customer and the cc (GreenMail also counts the BCC copy by its headers)
        });
        String reply = received.getFirst();
        assertThat(reply).contains("Subject: Re: Broken kettle").contains("In-Reply-To: <ask-1@replies.example>")
                .contains("A new one is on its way.").doesNotContain("Bcc:");
        String ourId = reply.replaceAll("(?s).*Message-ID: <([^>]+)>.*", "$1");
        assertThat(ourId).startsWith("pl.");
        Eventually.await("the reply marked SENT", Duration.ofSeconds(10),
                () -> http.get("/api/v1/conversations/" + id, t.agent()).body().contains("\"deliveryStatus\":\"SENT\""));

        MAIL.deliver(mailbox, MailboxServer.customerMail("sam@replies.example", SUPPORT, "ask-2@replies.example",
                "Re: Re: Broken kettle", "Thanks!", List.of("In-Reply-To: <" + ourId + ">")));
        Eventually.await("the answer in the same conversation", Duration.ofSeconds(20),
                () -> ((List<?>) http.get("/api/v1/conversations/" + id, t.agent()).map().get("messages")).size() >= 3);
        var messages = (List<?>) http.get("/api/v1/conversations/" + id, t.agent()).map().get("messages");
        assertThat(messages).as("question, reply, answer — the BCC copy was recognised as ours").hasSize(3);
        assertThat(messages.toString()).contains("direction=OUTBOUND");
    }

    @Test
    void aReplyFromAnInboundOnlyTouchpointIsRefusedAndNothingIsQueued() throws Exception {
        GreenMailUser box = MAIL.mailbox("inonly@inbound.example.com", "inonly-password");
        String tp = connectedTouchpoint("inonly@inbound.example.com", "inonly-password");
        expect(http.patch("/api/v1/touchpoints/" + tp, t.admin(), Map.of("ringGroupIds", List.of(t.ringGroupId()))), 200);
        MAIL.deliver(box, MailboxServer.customerMail("kim@replies.example", "inonly@inbound.example.com", "inonly-1@replies.example",
                "Inbound only", "hi", List.of()));
        String id = Eventually.await("the mail", Duration.ofSeconds(20), () -> items(http.get("/api/v1/conversations?touchpointId=" + tp, t.agent()))
                .stream().findFirst().map(c -> c.get("id").toString()).orElse(null));
        var refused = http.post("/api/v1/conversations/" + id + "/reply", t.agent(), Map.of("text", "hello"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(((List<?>) http.get("/api/v1/conversations/" + id, t.agent()).map().get("messages"))).hasSize(1);
    }

    @Test
    void disablingATouchpointStopsItsSyncAndEnablingCatchesUpWithoutLoss() throws Exception {
        GreenMailUser box = MAIL.mailbox("toggle@inbound.example.com", "toggle-password");
        String id = connectedTouchpoint("toggle@inbound.example.com", "toggle-password");
        expect(http.patch("/api/v1/touchpoints/" + id, t.admin(), Map.of("enabled", false)), 200);
        Thread.sleep(1_000); // the supervisor rescans every 200 ms here
        MAIL.deliver(box, MailboxServer.customerMail("late@customer.example", "toggle@inbound.example.com", "toggle-1@customer.example",
                "Sent while disabled", "hello", List.of()));
        Thread.sleep(1_500);
        assertThat(items(http.get("/api/v1/conversations?touchpointId=" + id, t.admin()))).as("nothing while disabled").isEmpty();
        expect(http.patch("/api/v1/touchpoints/" + id, t.admin(), Map.of("enabled", true)), 200);
        Eventually.await("the mail sent while disabled", Duration.ofSeconds(20),
                () -> items(http.get("/api/v1/conversations?touchpointId=" + id, t.admin())).size() == 1);
    }

    @Test
    void aWrongPasswordExpiresTheTouchpointAndANewPasswordReconnectsIt() {
        MAIL.mailbox("locked@inbound.example.com", "the-real-password");
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "locked@inbound.example.com",
                "displayName", "Locked inbox", "connector", "imap", "direction", "INBOUND",
                "settings", MAIL.touchpointSettings("locked@inbound.example.com"))), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", "a-wrong-password")), 204);
        Map<String, Object> touchpoint = Eventually.await("the touchpoint to expire", Duration.ofSeconds(20), () -> {
            var tp = http.get("/api/v1/touchpoints/" + id, t.admin()).map();
            return "EXPIRED".equals(tp.get("connectionState")) ? tp : null;
        });
        assertThat(touchpoint.get("sync").toString()).contains("AUTH_REVOKED").doesNotContain("a-wrong-password");

        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", "the-real-password")), 204);
        Eventually.await("the touchpoint to recover after re-authentication", Duration.ofSeconds(20),
                () -> "CONNECTED".equals(http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState")));
    }

    @Test
    void anImportOfExistingMailReportsItsProgressAndImportsEverythingOnce() {
        GreenMailUser box = MAIL.mailbox("archive@inbound.example.com", "archive-password");
        for (int i = 0; i < 25; i++) {
            MAIL.deliver(box, MailboxServer.customerMail("old" + i + "@customer.example", "archive@inbound.example.com",
                    "old-" + i + "@customer.example", "Older question " + i, "body " + i, List.of()));
        }
        Map<String, String> settings = MAIL.touchpointSettings("archive@inbound.example.com");
        settings.put("initialImportDays", "3");
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "archive@inbound.example.com",
                "displayName", "Archive inbox", "connector", "imap", "direction", "INBOUND", "settings", settings)), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", "archive-password")), 204);
        // "remaining" is reported once per batch, after its messages are stored (and "fetched" counted).
        Map<?, ?> sync = Eventually.await("the import to finish", Duration.ofSeconds(30), () -> {
            Object s = http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("sync");
            return s instanceof Map<?, ?> m && Integer.valueOf(25).equals(m.get("fetched")) && Integer.valueOf(0).equals(m.get("remaining"))
                    ? m : null;
        });
        assertThat(sync.get("fetched")).isEqualTo(25);
        assertThat(items(http.get("/api/v1/conversations?limit=200&touchpointId=" + id, t.admin()))).hasSize(25);
    }

    private String connectedTouchpoint(String address, String password) {
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", "Box " + address,
                "connector", "imap", "direction", "INBOUND", "settings", MAIL.touchpointSettings(address))), 201).string("id");
        expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", password)), 204);
        Eventually.await(address + " to connect", Duration.ofSeconds(20),
                () -> "CONNECTED".equals(http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState")));
        return id;
    }

    /** This test's customer: other tests of the class put their own mail in the same queue. */
    private static List<Map<String, Object>> janes(List<Map<String, Object>> items) {
        return items.stream().filter(c -> "jane@customer.example".equals(c.get("customerAddress"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) response.map().get("items");
    }
}
