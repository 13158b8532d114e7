package dev.postline.server.workflow;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.SseClient;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Preview permissions per touchpoint, through the HTTP API: a role the touchpoint refuses sees a
 * conversation in its queue (and its events, ids only) but gets a 403 with the reason for its
 * content — detail, .eml, attachment, inline image, notes, forward — until the conversation is
 * theirs; claiming it is always possible and then they read it. Nothing configured = everyone
 * previews, as before. Every test uses a touchpoint of its own, linked to the fixture's ring group.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreviewPermissionsTest implements PostlineTestProperties {

    private static final AtomicInteger MAILS = new AtomicInteger();

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    TenantFixture t;
    Auth supervisor;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "preview");
        expect(http.post("/api/v1/users", t.admin(), Map.of("email", "supervisor@preview.example.com", "displayName", "Sue Pervisor",
                "role", "SUPERVISOR", "password", TenantFixture.PASSWORD)), 201);
        supervisor = Auth.bearer(http.login("preview", "supervisor@preview.example.com", TenantFixture.PASSWORD));
    }

    @Test
    void byDefaultEveryRolePreviews_asBeforePreviewPermissionsExisted() {
        String touchpoint = touchpoint("default");
        assertThat(roles(touchpoint, t.admin())).containsExactly("ADMIN", "SUPERVISOR", "AGENT");
        Mail mail = ingest(touchpoint);

        for (Auth who : List.of(t.agent(), supervisor, t.admin(), t.apiKey())) {
            assertThat(http.get(detail(mail), who).body()).contains(mail.secret());
            expect(http.get(raw(mail), who), 200);
            expect(http.get(attachment(mail, false), who), 200);
        }
    }

    @Test
    void anAgentOfTheQueueMayNotPreview_seesItListed_claimsIt_andThenReadsIt() throws Exception {
        String touchpoint = touchpoint("agents-off");
        assertThat(put(touchpoint, t.admin(), List.of("ADMIN", "SUPERVISOR")).map()).containsEntry("roles", List.of("ADMIN", "SUPERVISOR"));
        Mail mail;
        String event;
        try (SseClient events = new SseClient(URI.create(server.getURI() + "/api/v1/events"), t.agent().bearer())) {
            Thread.sleep(500); // let the stream subscribe before the mail lands
            mail = ingest(touchpoint);
            event = events.next(Duration.ofSeconds(20));
        }
        assertThat(event).as("the agent learns of the new conversation").contains(mail.conversationId())
                .doesNotContain(mail.secret()).doesNotContain("invoice-");

        var listed = expect(http.get("/api/v1/conversations?touchpointId=" + touchpoint, t.agent()), 200).map();
        assertThat(listed.get("items").toString()).as("listed with its metadata").contains(mail.conversationId())
                .contains("Question " + mail.number()).doesNotContain(mail.secret());
        @SuppressWarnings("unchecked")
        var item = ((List<Map<String, Object>>) listed.get("items")).getFirst();
        assertThat(item).as("the list says the agent must claim it to read it").containsEntry("mayPreview", false);
        @SuppressWarnings("unchecked")
        var adminItem = ((List<Map<String, Object>>) expect(http.get("/api/v1/conversations?touchpointId=" + touchpoint, t.admin()), 200)
                .map().get("items")).getFirst();
        assertThat(adminItem).containsEntry("mayPreview", true);

        String reason = "previewing conversations of touchpoint “Preview agents-off” is not allowed for agents; "
                + "claim the conversation to read it";
        for (String path : List.of(detail(mail), raw(mail), attachment(mail, false), attachment(mail, true))) {
            var refused = http.get(path, t.agent());
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
            assertThat(refused.string("detail")).as(path).isEqualTo(reason);
            assertThat(refused.body()).as(path).doesNotContain(mail.secret());
        }
        assertThat(http.get(detail(mail) + "/notes", t.agent()).string("detail")).endsWith("claim the conversation to read its notes");
        var forward = http.post(detail(mail) + "/forward", t.agent(), Map.of("to", List.of("me@elsewhere.example")));
        assertThat(forward.status()).isEqualTo(403);
        assertThat(forward.string("detail")).endsWith("claim the conversation to answer or forward it");
        assertThat(http.post(detail(mail) + "/reply", t.agent(), Map.of("text", "Blind answer")).status()).isEqualTo(403);
        assertThat(http.get(detail(mail), t.admin()).body()).as("admins still may").contains(mail.secret())
                .doesNotContain("Blind answer");

        var claimed = expect(http.post(detail(mail) + "/claim", t.agent(), null), 200).map();
        assertThat(claimed).containsEntry("assignedUserId", t.agentId()).containsEntry("mayPreview", true);
        assertThat(http.get(detail(mail), t.agent()).body()).contains(mail.secret());
        assertThat(http.get(raw(mail), t.agent()).body()).contains(mail.secret());
        expect(http.get(attachment(mail, false), t.agent()), 200);
        expect(http.get(attachment(mail, true), t.agent()), 200);
        expect(http.get(detail(mail) + "/notes", t.agent()), 200);
        expect(http.post(detail(mail) + "/reply", t.agent(), Map.of("text", "Answer after taking it")), 202);

        // Released back to the queue, or taken by someone else: not theirs any more.
        expect(http.post(detail(mail) + "/release", t.agent(), null), 200);
        assertThat(http.get(detail(mail), t.agent()).status()).isEqualTo(403);
        expect(http.post(detail(mail) + "/claim", t.admin(), null), 200);
        assertThat(http.get(detail(mail), t.agent()).status()).isEqualTo(403);
    }

    @Test
    void aSupervisorWhoMonitorsIsRefusedLikeAnyoneElseWhenSupervisorsAreNotAllowed() {
        String touchpoint = touchpoint("supervisors-off");
        expect(put(touchpoint, t.admin(), List.of("AGENT", "ADMIN")), 200);
        assertThat(roles(touchpoint, supervisor)).as("in role order").containsExactly("ADMIN", "AGENT");
        Mail mail = ingest(touchpoint);

        assertThat(http.get("/api/v1/conversations?touchpointId=" + touchpoint, supervisor).body()).contains(mail.conversationId());
        var refused = http.get(detail(mail), supervisor);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.string("detail")).isEqualTo("previewing conversations of touchpoint “Preview supervisors-off” is not "
                + "allowed for supervisors; claim the conversation to read it");
        assertThat(http.get(raw(mail), supervisor).status()).isEqualTo(403);
        assertThat(http.get(attachment(mail, false), supervisor).status()).isEqualTo(403);
        assertThat(http.get(detail(mail), t.apiKey()).status()).as("a SUPERVISOR API key too").isEqualTo(403);
        assertThat(http.get(detail(mail), t.agent()).body()).as("agents of the queue may").contains(mail.secret());

        expect(http.post(detail(mail) + "/claim", supervisor, null), 200);
        assertThat(http.get(detail(mail), supervisor).body()).contains(mail.secret());
        expect(http.get(raw(mail), supervisor), 200);
        expect(http.get(attachment(mail, false), supervisor), 200);
    }

    @Test
    void noRoleAllowedMeansEveryoneClaimsFirst_andAllRolesAgainRestoresTheDefault() {
        String touchpoint = touchpoint("nobody");
        Mail mail = ingest(touchpoint);
        assertThat(put(touchpoint, t.admin(), List.of()).map()).containsEntry("roles", List.of());
        assertThat(http.get(detail(mail), t.admin()).string("detail")).contains("not allowed for admins");

        expect(put(touchpoint, t.admin(), List.of("AGENT", "SUPERVISOR", "ADMIN", "AGENT")), 200);
        assertThat(roles(touchpoint, t.admin())).containsExactly("ADMIN", "SUPERVISOR", "AGENT");
        expect(http.get(detail(mail), t.agent()), 200);
        expect(http.get(detail(mail), t.admin()), 200);
    }

    @Test
    void badInputIsA400NamingTheRole_andNothingChanges() {
        String touchpoint = touchpoint("bad-input");
        expect(put(touchpoint, t.admin(), List.of("ADMIN")), 200);

        var unknown = put(touchpoint, t.admin(), List.of("AGENT", "OPERATOR"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.string("detail")).isEqualTo("roles: unknown role 'OPERATOR'; the roles are ADMIN, SUPERVISOR, AGENT");
        assertThat(put(touchpoint, t.admin(), List.of("agent")).string("detail")).contains("unknown role 'agent'");
        assertThat(http.put("/api/v1/touchpoints/" + touchpoint + "/preview-roles", t.admin(), Map.of()).string("detail"))
                .isEqualTo("roles: is required");
        assertThat(http.put("/api/v1/touchpoints/" + touchpoint + "/preview-roles", t.admin(), Map.of("roles", "ADMIN")).status())
                .as("not a list").isEqualTo(400);
        assertThat(http.put("/api/v1/touchpoints/" + touchpoint + "/preview-roles", t.admin(),
                Map.of("roles", List.of("ADMIN"), "tenantId", t.tenantId())).status()).as("undeclared field").isEqualTo(400);
        assertThat(roles(touchpoint, t.admin())).containsExactly("ADMIN");
    }

    @Test
    void adminsChange_supervisorsRead_agentsNeither_andAnotherTenantsTouchpointIsNotFound() {
        String touchpoint = touchpoint("access");
        assertThat(http.get("/api/v1/touchpoints/" + touchpoint + "/preview-roles", t.agent()).status()).isEqualTo(403);
        assertThat(put(touchpoint, t.agent(), List.of("AGENT")).status()).isEqualTo(403);
        assertThat(put(touchpoint, supervisor, List.of("SUPERVISOR")).status()).isEqualTo(403);
        assertThat(put(touchpoint, t.apiKey(), List.of("SUPERVISOR")).status()).isEqualTo(403);
        assertThat(roles(touchpoint, t.apiKey())).containsExactly("ADMIN", "SUPERVISOR", "AGENT");

        TenantFixture other = TenantFixture.create(http, "preview-other");
        assertThat(http.get("/api/v1/touchpoints/" + touchpoint + "/preview-roles", other.admin()).status()).isEqualTo(404);
        var foreign = put(touchpoint, other.admin(), List.of());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.string("detail")).isEqualTo("touchpoint not found");
        assertThat(http.get("/api/v1/touchpoints/" + UUID.randomUUID() + "/preview-roles", t.admin()).status()).isEqualTo(404);
        assertThat(roles(touchpoint, t.admin())).containsExactly("ADMIN", "SUPERVISOR", "AGENT");
    }

    /** A conversation in the fixture's queue: HTML body with {@code secret}, an inline image and a PDF attachment. */
    record Mail(String conversationId, String messageId, String inlineId, String attachmentId, String secret, int number) {}

    private Mail ingest(String touchpoint) {
        int n = MAILS.incrementAndGet();
        String secret = "Confidential body " + n + " of the customer";
        String raw = """
                From: Customer %1$d <customer%1$d@customer.example>\r
                To: support@preview.example.com\r
                Subject: Question %1$d\r
                Message-ID: <preview-%1$d@customer.example>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="outer"\r
                \r
                --outer\r
                Content-Type: multipart/related; boundary="rel"\r
                \r
                --rel\r
                Content-Type: text/html; charset=UTF-8\r
                \r
                <p>%2$s <img src="cid:logo%1$d@customer.example"></p>\r
                --rel\r
                Content-Type: image/png\r
                Content-ID: <logo%1$d@customer.example>\r
                Content-Disposition: inline\r
                Content-Transfer-Encoding: base64\r
                \r
                iVBORw0KGgo=\r
                --rel--\r
                --outer\r
                Content-Type: application/pdf; name="invoice-%1$d.pdf"\r
                Content-Disposition: attachment; filename="invoice-%1$d.pdf"\r
                Content-Transfer-Encoding: base64\r
                \r
                JVBERi0xLjQK\r
                --outer--\r
                """.formatted(n, secret);
        IngestOutcome stored = pipeline.ingest(TenantId.parse(t.tenantId()), UUID.fromString(touchpoint),
                new InboundMail("preview-" + n, raw.getBytes(StandardCharsets.UTF_8), null));
        assertThat(stored.kind()).isEqualTo(IngestOutcome.Kind.STORED);
        String conversation = stored.conversationId().toString();
        @SuppressWarnings("unchecked")
        Map<String, Object> message = ((List<Map<String, Object>>) expect(http.get("/api/v1/conversations/" + conversation, t.admin()), 200)
                .map().get("messages")).getFirst();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) message.get("attachments");
        String inline = files.stream().filter(f -> Boolean.TRUE.equals(f.get("inline"))).findFirst().orElseThrow().get("id").toString();
        String file = files.stream().filter(f -> Boolean.FALSE.equals(f.get("inline"))).findFirst().orElseThrow().get("id").toString();
        return new Mail(conversation, message.get("id").toString(), inline, file, secret, n);
    }

    /** A touchpoint of its own for one test, routed to the fixture's ring group (the agent's queue). */
    private String touchpoint(String name) {
        return expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", name + "@preview.example.com",
                "displayName", "Preview " + name, "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", TenantFixture.imapSettings("preview"))), 201).string("id");
    }

    @SuppressWarnings("unchecked")
    private List<String> roles(String touchpoint, Auth who) {
        return (List<String>) expect(http.get("/api/v1/touchpoints/" + touchpoint + "/preview-roles", who), 200).map().get("roles");
    }

    private Http.Response put(String touchpoint, Auth who, List<String> roles) {
        return http.put("/api/v1/touchpoints/" + touchpoint + "/preview-roles", who, Map.of("roles", roles));
    }

    private static String detail(Mail m) {
        return "/api/v1/conversations/" + m.conversationId();
    }

    private static String raw(Mail m) {
        return detail(m) + "/messages/" + m.messageId() + "/raw";
    }

    private static String attachment(Mail m, boolean inline) {
        return detail(m) + "/attachments/" + (inline ? m.inlineId() : m.attachmentId());
    }
}
