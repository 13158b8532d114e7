package dev.postline.server.inbound;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #13 items 4 and 20, through the pipeline and the API as a client sees them: mail without a
 * usable From reaches its customer through Sender, Reply-To or Return-Path (the message says which);
 * mail naming nobody is released from quarantine with an admin's address; and only the
 * Authentication-Results of the touchpoint's own authserv-ids are kept.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderFallbackAndTrustTest implements PostlineTestProperties {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    TenantFixture t;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "senders");
    }

    private IngestOutcome ingest(String touchpointId, String headers) {
        int n = SEQ.incrementAndGet();
        String raw = headers + "To: support@senders.example.com\r\nSubject: Question " + n + "\r\nMessage-ID: <q" + n
                + "@senders.test>\r\n\r\nPlease help.\r\n";
        return pipeline.ingest(TenantId.parse(t.tenantId()), UUID.fromString(touchpointId),
                new InboundMail("p-" + n, raw.getBytes(StandardCharsets.UTF_8), null));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyMessage(IngestOutcome outcome) {
        var detail = expect(http.get("/api/v1/conversations/" + outcome.conversationId(), t.admin()), 200).map();
        return ((List<Map<String, Object>>) detail.get("messages")).getFirst();
    }

    @SuppressWarnings("unchecked")
    private String customerOf(IngestOutcome outcome) {
        var detail = expect(http.get("/api/v1/conversations/" + outcome.conversationId(), t.admin()), 200).map();
        return ((Map<String, Object>) detail.get("conversation")).get("customerAddress").toString();
    }

    static Stream<Arguments> senders() {
        return Stream.of(
                Arguments.of("From: Ann <ann@from.example>\r\nSender: sec@sender.example\r\nReturn-Path: <rp@rp.example>\r\n",
                        "ann@from.example", "FROM"),
                Arguments.of("Sender: Sam <sam@sender.example>\r\nReply-To: rt@reply.example\r\n", "sam@sender.example", "SENDER"),
                Arguments.of("From: undisclosed\r\nReply-To: Rita <rita@reply.example>\r\n", "rita@reply.example", "REPLY_TO"),
                Arguments.of("Return-Path: <rob@rp.example>\r\n", "rob@rp.example", "RETURN_PATH"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("senders")
    void mailWithoutAUsableFromReachesTheCustomerNamedByTheNextHeader(String headers, String customer, String source) {
        IngestOutcome outcome = ingest(t.touchpointId(), headers);

        assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(IngestOutcome.Kind.STORED);
        assertThat(customerOf(outcome)).isEqualTo(customer);
        Map<String, Object> message = onlyMessage(outcome);
        assertThat(message.get("customerAddressSource")).isEqualTo(source);
        assertThat(message.get("from").toString()).contains(customer);
    }

    @Test
    void mailNamingNobodyIsReleasedWithAnAdminsAddressThroughTheApi() {
        IngestOutcome held = ingest(t.touchpointId(), "From: nobody\r\nReturn-Path: <>\r\n");
        assertThat(held.kind()).isEqualTo(IngestOutcome.Kind.QUARANTINED);
        String path = "/api/v1/quarantine/" + held.messageId() + "/reprocess";

        var without = http.post(path, t.admin(), null);
        assertThat(without.status()).isEqualTo(409);
        assertThat(without.body()).contains("give the customer address");
        var bad = http.post(path, t.admin(), Map.of("customerAddress", "jane at example"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("customerAddress").contains("not a valid email address");
        assertThat(http.post(path, t.agent(), Map.of("customerAddress", "jane@example.com")).status()).isEqualTo(403);

        var released = expect(http.post(path, t.admin(), Map.of("customerAddress", " Jane@Example.COM ")), 200);
        assertThat(released.string("outcome")).isEqualTo("STORED");
        var detail = expect(http.get("/api/v1/conversations/" + released.string("conversationId"), t.admin()), 200);
        assertThat(detail.body()).contains("\"customerAddress\":\"jane@example.com\"").contains("\"customerAddressSource\":\"ADMIN\"");
        assertThat(http.post(path, t.admin(), Map.of("customerAddress", "jane@example.com")).status()).as("only once").isEqualTo(409);
    }

    @Test
    void onlyTheAuthenticationResultsOfOurOwnAuthservIdAreKept() {
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("senders"));
        settings.put("trustedAuthservIds", "mx.senders.example.com");
        String trusting = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "trust@senders.example.com",
                "displayName", "Trusting", "connector", "imap", "direction", "BOTH", "settings", settings)), 201).string("id");
        String forged = "Authentication-Results: mx.evil.example; dkim=pass header.d=bank.example; dmarc=pass\r\n";
        String ours = "Authentication-Results: mx.senders.example.com; dkim=fail header.d=bank.example; dmarc=fail\r\n";
        String headers = "From: Bank <ceo@bank.example>\r\n" + forged + ours;

        Map<String, Object> kept = onlyMessage(ingest(trusting, headers));
        assertThat(kept.get("authenticationResults")).isEqualTo(List.of("mx.senders.example.com; dkim=fail header.d=bank.example; dmarc=fail"));

        // The fixture's custom IMAP touchpoint names no authserv-id: nothing is trusted, the forgery least of all.
        Map<String, Object> none = onlyMessage(ingest(t.touchpointId(), headers));
        assertThat(none.get("authenticationResults")).isEqualTo(List.of());
    }

    @Test
    void aMalformedTrustedAuthservIdSettingIsRefused() {
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("senders"));
        settings.put("trustedAuthservIds", "mx.example.com; dkim=pass");
        var refused = http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "bad-trust@senders.example.com",
                "displayName", "Bad", "connector", "imap", "direction", "BOTH", "settings", settings));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("settings.trustedAuthservIds");
    }
}
