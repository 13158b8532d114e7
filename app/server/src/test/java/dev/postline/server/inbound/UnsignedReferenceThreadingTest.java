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
import java.util.ArrayList;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13 item 7: an unsigned reference (a subject token, In-Reply-To or References naming a
 * customer's Message-ID) joins a conversation only when its sender is one of the conversation's
 * participants (or of a participant's domain where the touchpoint allows it, never a free-mail
 * domain); otherwise the mail starts a new conversation that "mentions" the referenced one. Our
 * signed Message-IDs join from any address. Every message goes through the real pipeline (MIME
 * parsing included) and is read back through the agent API.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsignedReferenceThreadingTest implements PostlineTestProperties {

    private static final AtomicInteger N = new AtomicInteger();

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Http http;
    /** A touchpoint with the default: same domain is not enough. */
    TenantFixture strict;
    /** A touchpoint that lets the participants' colleagues (same domain) join. */
    TenantFixture domainWide;

    @BeforeAll
    void tenants() {
        http = new Http(server.getURI(), json);
        strict = TenantFixture.create(http, "thr-strict");
        domainWide = TenantFixture.create(http, "thr-domain");
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("thr-domain"));
        settings.put("sameDomainIsParticipant", "true");
        expect(http.patch("/api/v1/touchpoints/" + domainWide.touchpointId(), domainWide.admin(), Map.of("settings", settings)), 200);
    }

    /** How the mail refers to the earlier conversation, without our signature. */
    enum Reference { SUBJECT_TOKEN, IN_REPLY_TO, REFERENCES }

    /** Who writes, on which touchpoint, and whether that sender may join. */
    enum Sender {
        CUSTOMER_IN_OTHER_CASE(false, true),
        CC_OF_THE_CUSTOMERS_MAIL(false, true),
        CC_OF_THE_AGENTS_REPLY(false, true),
        SAME_DOMAIN_WHERE_ALLOWED(true, true),
        SAME_DOMAIN_WHERE_NOT_ALLOWED(false, false),
        SAME_FREE_MAIL_DOMAIN_WHERE_ALLOWED(true, false),
        STRANGER(false, false),
        STRANGER_WHERE_DOMAIN_ALLOWED(true, false),
        SPOOFED_OWN_SUPPORT_ADDRESS(false, false);

        final boolean domainWide;
        final boolean joins;

        Sender(boolean domainWide, boolean joins) {
            this.domainWide = domainWide;
            this.joins = joins;
        }
    }

    static Stream<Arguments> sweep() {
        List<Arguments> cases = new ArrayList<>();
        for (Reference reference : Reference.values()) {
            for (Sender sender : Sender.values()) {
                cases.add(Arguments.of(reference, sender));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("sweep")
    void anUnsignedReferenceJoinsOnlyFromAParticipant(Reference reference, Sender sender) {
        TenantFixture t = sender.domainWide ? domainWide : strict;
        int n = N.incrementAndGet();
        String customerDomain = sender == Sender.SAME_FREE_MAIL_DOMAIN_WHERE_ALLOWED ? "gmail.com" : "cust" + n + ".example";
        String customer = "buyer" + n + "@" + customerDomain;
        String originalId = "order-" + n + "-" + UUID.randomUUID() + "@" + customerDomain;
        UUID original = ingest(t, mail(customer, "support@" + t.slug() + ".example.com", "colleague" + n + "@partner" + n + ".example",
                "Order " + n, originalId, null, null)).conversationId();
        expect(http.post("/api/v1/conversations/" + original + "/reply", t.agent(),
                Map.of("text", "We are on it.", "cc", List.of("Advisor <advisor" + n + "@advice" + n + ".example>"))), 202);
        long number = number(t, original);

        String from = switch (sender) {
            case CUSTOMER_IN_OTHER_CASE -> "Buyer" + n + "@" + customerDomain.toUpperCase(java.util.Locale.ROOT);
            case CC_OF_THE_CUSTOMERS_MAIL -> "colleague" + n + "@partner" + n + ".example";
            case CC_OF_THE_AGENTS_REPLY -> "advisor" + n + "@advice" + n + ".example";
            case SAME_DOMAIN_WHERE_ALLOWED, SAME_DOMAIN_WHERE_NOT_ALLOWED, SAME_FREE_MAIL_DOMAIN_WHERE_ALLOWED ->
                    "someone-else" + n + "@" + customerDomain;
            case STRANGER, STRANGER_WHERE_DOMAIN_ALLOWED -> "mallory" + n + "@attacker.example";
            case SPOOFED_OWN_SUPPORT_ADDRESS -> "support@" + t.slug() + ".example.com";
        };
        String subject = reference == Reference.SUBJECT_TOKEN ? "Re: [#" + number + "] Order " + n : "About my order";
        String inReplyTo = reference == Reference.IN_REPLY_TO ? "<" + originalId + ">" : null;
        String references = reference == Reference.REFERENCES ? "<unknown-" + n + "@elsewhere.example> <" + originalId + ">" : null;
        UUID landed = ingest(t, mail(from, "support@" + t.slug() + ".example.com", null, subject, "follow-" + n + "@x.example",
                inReplyTo, references)).conversationId();

        if (sender.joins) {
            assertThat(landed).as("a participant's mail joins the conversation").isEqualTo(original);
            assertThat(mentions(t, original)).isEmpty();
        } else {
            assertThat(landed).as("a non-participant's mail starts a new conversation").isNotEqualTo(original);
            assertThat(messageCount(t, original)).as("nothing was written into the original").isEqualTo(2);
            assertThat(mentions(t, landed)).as("the new conversation mentions #" + number)
                    .containsExactly(Map.of("conversationId", original.toString(), "number", number));
            assertThat(listedMentions(t, landed)).as("the queue shows the link too")
                    .containsExactly(Map.of("conversationId", original.toString(), "number", number));
        }
    }

    /** The customer answers our reply from another address (their phone): the signed Message-ID is the proof. */
    @ParameterizedTest(name = "signed id in {0}")
    @EnumSource(value = Reference.class, names = {"IN_REPLY_TO", "REFERENCES"})
    void aReplyToOurSignedMessageIdJoinsFromANewAddress(Reference reference) {
        TenantFixture t = strict;
        int n = N.incrementAndGet();
        UUID original = ingest(t, mail("desk" + n + "@office" + n + ".example", "support@thr-strict.example.com", null,
                "Broken printer " + n, "printer-" + n + "@office" + n + ".example", null, null)).conversationId();
        String reply = expect(http.post("/api/v1/conversations/" + original + "/reply", t.agent(), Map.of("text", "Which model?")), 202)
                .string("messageId");
        String raw = http.get("/api/v1/conversations/" + original + "/messages/" + reply + "/raw", t.agent()).body();
        String signed = "<" + raw.replaceAll("(?s).*Message-ID: <([^>]+)>.*", "$1") + ">";
        UUID landed = ingest(t, mail("someone" + n + "@phone-carrier.example", "support@thr-strict.example.com", null,
                "Re: Broken printer", "phone-" + n + "@phone-carrier.example",
                reference == Reference.IN_REPLY_TO ? signed : null,
                reference == Reference.REFERENCES ? "<printer-" + n + "@office" + n + ".example> " + signed : null)).conversationId();
        assertThat(landed).isEqualTo(original);
    }

    @Test
    void theSameDomainSettingIsCheckedWhenSaved() {
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("thr-strict"));
        settings.put("sameDomainIsParticipant", "sometimes");
        var refused = http.patch("/api/v1/touchpoints/" + strict.touchpointId(), strict.admin(), Map.of("settings", settings));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("settings.sameDomainIsParticipant");
    }

    private IngestOutcome ingest(TenantFixture t, String raw) {
        IngestOutcome outcome = pipeline.ingest(TenantId.parse(t.tenantId()), UUID.fromString(t.touchpointId()),
                new InboundMail("p-" + UUID.randomUUID(), raw.getBytes(StandardCharsets.UTF_8), null));
        assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(IngestOutcome.Kind.STORED);
        return outcome;
    }

    private static String mail(String from, String to, String cc, String subject, String messageId, String inReplyTo,
                               String references) {
        return "From: " + from + "\r\nTo: " + to + "\r\n" + (cc == null ? "" : "Cc: " + cc + "\r\n")
                + "Subject: " + subject + "\r\nMessage-ID: <" + messageId + ">\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
                + (references == null ? "" : "References: " + references + "\r\n")
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> conversation(TenantFixture t, UUID id) {
        return (Map<String, Object>) expect(http.get("/api/v1/conversations/" + id, t.admin()), 200).map().get("conversation");
    }

    private long number(TenantFixture t, UUID id) {
        return ((Number) conversation(t, id).get("number")).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> mentions(TenantFixture t, UUID id) {
        return normalised((List<Map<String, Object>>) conversation(t, id).get("mentions"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listedMentions(TenantFixture t, UUID id) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) expect(http.get("/api/v1/conversations?limit=200", t.admin()), 200)
                .map().get("items");
        return normalised((List<Map<String, Object>>) items.stream().filter(i -> id.toString().equals(i.get("id"))).findFirst()
                .orElseThrow().get("mentions"));
    }

    private static List<Map<String, Object>> normalised(List<Map<String, Object>> mentions) {
        return mentions == null ? null : mentions.stream()
                .map(m -> Map.<String, Object>of("conversationId", m.get("conversationId"), "number", ((Number) m.get("number")).longValue()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private int messageCount(TenantFixture t, UUID id) {
        return ((List<Object>) expect(http.get("/api/v1/conversations/" + id, t.admin()), 200).map().get("messages")).size();
    }
}
