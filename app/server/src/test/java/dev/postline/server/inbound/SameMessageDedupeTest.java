package dev.postline.server.inbound;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #13 item 2: dedupe means "the same message twice" — the same Message-ID AND the same content. A
 * second delivery of one mail (other transport headers, other line endings) is suppressed and counted; a
 * different message that reuses a Message-ID (other body, subject, sender, recipients or date) is stored as
 * its own message and flagged {@code REUSED_MESSAGE_ID}. Checked through the API: conversations, message
 * flags, the touchpoint's duplicate count, and the metric.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameMessageDedupeTest implements PostlineTestProperties {

    static final AtomicInteger CASE = new AtomicInteger();

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;
    @Inject MailMessageRepository messages;
    @Inject TenantTransactions tx;

    Http http;
    TenantFixture t;
    TenantId tenant;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "dedupe");
        tenant = TenantId.of(UUID.fromString(t.tenantId()));
    }

    static String mail(String id, String subject, String body) {
        return MailboxServer.customerMail("jane@customer.example", "support@dedupe.example.com", id, subject, body, List.of());
    }

    static Stream<Arguments> secondCopies() {
        UnaryOperator<String> same = raw -> raw;
        return Stream.of(
                Arguments.of("the same bytes again", same, true),
                Arguments.of("other transport headers", (UnaryOperator<String>) raw -> "Received: from mx2.example by mx.example;"
                        + " Tue, 24 Nov 2026 10:00:00 +0000\r\nDelivered-To: other@dedupe.example.com\r\nReturn-Path: <bounce@customer.example>\r\n"
                        + "X-Spam-Score: 1.2\r\n" + raw, true),
                Arguments.of("LF line endings", (UnaryOperator<String>) raw -> raw.replace("\r\n", "\n"), true),
                Arguments.of("a refolded subject header", (UnaryOperator<String>) raw -> raw.replace("Subject: Order ", "Subject: Order\r\n "), true),
                Arguments.of("another body", (UnaryOperator<String>) raw -> raw.replace("My order", "Another order"), false),
                Arguments.of("another subject", (UnaryOperator<String>) raw -> raw.replace("Subject: Order ", "Subject: Invoice "), false),
                Arguments.of("another sender", (UnaryOperator<String>) raw -> raw.replace("jane@customer.example", "john@customer.example"), false),
                Arguments.of("other recipients", (UnaryOperator<String>) raw -> raw.replace("To: support@dedupe.example.com",
                        "To: support@dedupe.example.com, sales@dedupe.example.com"), false),
                Arguments.of("another date", (UnaryOperator<String>) raw -> raw.replace("23 Nov 2026 10:00:00", "23 Nov 2026 11:30:00"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secondCopies")
    void aSecondCopyIsSuppressedOnlyWhenItIsTheSameMessage(String variant, UnaryOperator<String> change, boolean sameMessage) {
        int n = CASE.incrementAndGet();
        String touchpoint = newTouchpoint("case" + n);
        String first = mail("reused-" + n + "@customer.example", "Order " + n, "My order " + n + " is late.");
        long duplicatesBefore = duplicates(touchpoint);

        IngestOutcome one = ingest(touchpoint, "p-" + n + "-1", first);
        IngestOutcome two = ingest(touchpoint, "p-" + n + "-2", change.apply(first));

        assertThat(one.kind()).isEqualTo(IngestOutcome.Kind.STORED);
        List<Map<String, Object>> stored = messagesOf(touchpoint);
        if (sameMessage) {
            assertThat(two.kind()).as(variant).isEqualTo(IngestOutcome.Kind.DUPLICATE);
            assertThat(stored).as(variant).hasSize(1);
            assertThat(duplicates(touchpoint)).as("counted on the touchpoint").isEqualTo(duplicatesBefore + 1);
        } else {
            assertThat(two.kind()).as(variant + ": a different message reusing the Message-ID").isEqualTo(IngestOutcome.Kind.STORED);
            assertThat(stored).as(variant).hasSize(2);
            assertThat(stored).filteredOn(m -> flags(m).contains("REUSED_MESSAGE_ID")).as("the later one is flagged").hasSize(1);
            assertThat(duplicates(touchpoint)).isEqualTo(duplicatesBefore);
        }
    }

    @Test
    void mailWithoutMessageIdIsADuplicateOnlyWithTheSameContent() {
        String touchpoint = newTouchpoint("noid");
        String first = mail(null, "No id", "A message without Message-ID.");

        assertThat(ingest(touchpoint, "n-1", first).kind()).isEqualTo(IngestOutcome.Kind.STORED);
        assertThat(ingest(touchpoint, "n-2", "Received: from relay.example\r\n" + first).kind()).isEqualTo(IngestOutcome.Kind.DUPLICATE);
        assertThat(ingest(touchpoint, "n-3", first.replace("A message", "Another message")).kind()).isEqualTo(IngestOutcome.Kind.STORED);
        assertThat(messagesOf(touchpoint)).hasSize(2).allSatisfy(m -> assertThat(flags(m)).doesNotContain("REUSED_MESSAGE_ID"));
        assertThat(duplicates(touchpoint)).isEqualTo(1);
    }

    @Test
    void theSameMailDeliveredToTwoTouchpointsIsOneMessageOnEach() {
        String a = newTouchpoint("two-a");
        String b = newTouchpoint("two-b");
        String raw = mail("both@customer.example", "To both", "Sent to both addresses.");

        assertThat(ingest(a, "x-1", raw).kind()).isEqualTo(IngestOutcome.Kind.STORED);
        assertThat(ingest(b, "x-1", raw).kind()).isEqualTo(IngestOutcome.Kind.STORED);
        assertThat(ingest(a, "x-2", raw).kind()).isEqualTo(IngestOutcome.Kind.DUPLICATE);
        assertThat(messagesOf(a)).hasSize(1);
        assertThat(messagesOf(b)).hasSize(1);
    }

    @Test
    void aProviderIdSeenAgainIsStillADuplicateWhateverTheContent() {
        String touchpoint = newTouchpoint("provider");
        assertThat(ingest(touchpoint, "same-uid", mail("p1@customer.example", "First", "One")).kind()).isEqualTo(IngestOutcome.Kind.STORED);
        assertThat(ingest(touchpoint, "same-uid", mail("p2@customer.example", "Second", "Two")).kind()).isEqualTo(IngestOutcome.Kind.DUPLICATE);
        assertThat(messagesOf(touchpoint)).hasSize(1);
    }

    /** Rows stored before digests carry "mid:&lt;Message-ID&gt;": compared by content, not by key. */
    @Test
    void messagesStoredBeforeThisVersionAreComparedByContent() {
        String touchpoint = newTouchpoint("legacy");
        String raw = mail("legacy@customer.example", "Legacy", "Stored by an older version.");
        UUID stored = ingest(touchpoint, "l-1", raw).messageId();
        tx.write(tenant, () -> {
            MailMessage m = messages.findByTenantIdAndId(tenant.value(), stored).orElseThrow();
            messages.update(new MailMessage(m.id(), m.tenantId(), m.conversationId(), m.touchpointId(), m.direction(), m.providerId(),
                    m.messageIdHeader(), "mid:" + m.messageIdHeader(), m.fromAddress(), m.fromName(), m.toAddresses(), m.ccAddresses(),
                    m.subject(), m.sentAt(), m.receivedAt(), m.textBody(), m.htmlBody(), m.rawBlob(), m.rawSize(), m.flags(),
                    m.deliveryStatus(), m.deliveryDetail(), m.authorUserId(), m.customerAddressSource(), m.authenticationResults()));
        });

        assertThat(ingest(touchpoint, "l-2", "Received: from relay.example\r\n" + raw).kind()).isEqualTo(IngestOutcome.Kind.DUPLICATE);
        assertThat(ingest(touchpoint, "l-3", raw.replace("Stored by", "Written by")).kind()).isEqualTo(IngestOutcome.Kind.STORED);
        assertThat(messagesOf(touchpoint)).hasSize(2);
    }

    @Test
    void suppressedDuplicatesAreAMetric() {
        String touchpoint = newTouchpoint("metric");
        String raw = mail("metric@customer.example", "Metric", "Counted.");
        double before = metric();
        ingest(touchpoint, "m-1", raw);
        ingest(touchpoint, "m-2", raw);
        ingest(touchpoint, "m-3", raw);

        assertThat(metric()).isEqualTo(before + 2);
    }

    private double metric() {
        String scrape = http.get("/metrics", Http.Auth.NONE).body();
        return scrape.lines().filter(l -> l.startsWith("postline_ingest_duplicates_suppressed_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private IngestOutcome ingest(String touchpoint, String providerId, String raw) {
        return pipeline.ingest(tenant, UUID.fromString(touchpoint), new InboundMail(providerId, raw.getBytes(StandardCharsets.UTF_8), null));
    }

    private String newTouchpoint(String name) {
        return expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", name + "@dedupe.example.com",
                "displayName", "Dedupe " + name, "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", TenantFixture.imapSettings(name + ".dedupe"))), 201).string("id");
    }

    private long duplicates(String touchpoint) {
        Object sync = http.get("/api/v1/touchpoints/" + touchpoint, t.admin()).map().get("sync");
        return sync == null ? 0 : ((Number) ((Map<?, ?>) sync).get("duplicatesSuppressed")).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> messagesOf(String touchpoint) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) http
                .get("/api/v1/conversations?limit=100&touchpointId=" + touchpoint, t.admin()).map().get("items");
        return items.stream().flatMap(c -> ((List<Map<String, Object>>) http.get("/api/v1/conversations/" + c.get("id"), t.admin())
                .map().get("messages")).stream()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> flags(Map<String, Object> message) {
        return (List<String>) message.get("flags");
    }
}
