package dev.postline.connectors.graphdouble;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The double speaks Graph's documented shapes; checked here with a plain HTTP client. */
class GraphDoubleTest {

    private static final String ADDRESS = "agent@contoso.test";
    private static final String TOKEN = "token-1";
    private static final String IMMUTABLE = "IdType=\"ImmutableId\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphDouble graph = GraphDouble.start();
    private final GraphMailbox mailbox = graph.addMailbox(ADDRESS, TOKEN);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void tearDown() {
        graph.close();
        http.close();
    }

    private static byte[] mime(int n) {
        return ("From: c" + n + "@customer.test\r\nTo: " + ADDRESS + "\r\nSubject: n" + n + "\r\nMessage-ID: <m" + n
                + "@customer.test>\r\n\r\nBody " + n + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private HttpResponse<String> get(String urlOrPath, String... prefer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(urlOrPath.startsWith("http") ? urlOrPath : graph.baseUrl() + urlOrPath))
                .header("Authorization", "Bearer " + TOKEN);
        for (String p : prefer) {
            b.header("Prefer", p);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body, String... prefer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(graph.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (String p : prefer) {
            b.header("Prefer", p);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void meShouldNameTheMailbox() throws Exception {
        JsonNode me = json(get("/me"));

        assertThat(me.path("mail").asText()).isEqualTo(ADDRESS);
        assertThat(me.path("userPrincipalName").asText()).isEqualTo(ADDRESS);
        assertThat(me.path("id").asText()).isNotBlank();
    }

    @Test
    void deltaShouldPageWithNextLinksEndWithADeltaLinkAndThenReportOnlyChanges() throws Exception {
        for (int i = 1; i <= 3; i++) {
            mailbox.deliver(mime(i));
        }
        HttpResponse<String> first = get("/me/mailFolders/inbox/messages/delta", "odata.maxpagesize=2", IMMUTABLE);
        JsonNode page1 = json(first);
        assertThat(first.headers().firstValue("Preference-Applied")).hasValueSatisfying(v ->
                assertThat(v).contains("odata.maxpagesize=2", IMMUTABLE));
        assertThat(page1.path("value")).hasSize(2);
        assertThat(page1.has("@odata.deltaLink")).isFalse();

        JsonNode page2 = json(get(page1.path("@odata.nextLink").asText(), "odata.maxpagesize=2", IMMUTABLE));
        assertThat(page2.path("value")).hasSize(1);
        assertThat(page2.path("value").get(0).path("internetMessageId").asText()).isEqualTo("<m3@customer.test>");
        String deltaLink = page2.path("@odata.deltaLink").asText();
        assertThat(deltaLink).startsWith(graph.baseUrl()).contains("$deltatoken=");

        assertThat(json(get(deltaLink)).path("value")).isEmpty();
        String id4 = mailbox.deliver(mime(4));
        JsonNode changes = json(get(deltaLink, IMMUTABLE));
        assertThat(changes.path("value")).singleElement().satisfies(m -> assertThat(m.path("id").asText()).isEqualTo(id4));
    }

    @Test
    void changeTypeShouldFilterLaterRoundsButNotTheInitialOne() throws Exception {
        String first = mailbox.deliver(mime(1));
        JsonNode initial = json(get("/me/mailFolders/inbox/messages/delta?changeType=updated", IMMUTABLE));
        assertThat(initial.path("value")).hasSize(1);

        mailbox.deliver(mime(2));
        mailbox.markRead(first);
        JsonNode changes = json(get(initial.path("@odata.deltaLink").asText(), IMMUTABLE));
        assertThat(changes.path("value")).singleElement().satisfies(m -> assertThat(m.path("id").asText()).isEqualTo(first));
    }

    @Test
    void expiredDeltaTokensShouldAnswer410OrSyncStateNotFound() throws Exception {
        String deltaLink = json(get("/me/mailFolders/inbox/messages/delta")).path("@odata.deltaLink").asText();
        mailbox.invalidateDeltaTokens();

        HttpResponse<String> gone = get(deltaLink);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(json(gone).path("error").path("code").asText()).isEqualTo("SyncStateNotFound");

        mailbox.expireTokensAs(DeltaExpiry.BAD_REQUEST_SYNC_STATE_NOT_FOUND);
        HttpResponse<String> bad = get(deltaLink);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").path("code").asText()).isEqualTo("syncStateNotFound");
    }

    @Test
    void restIdsShouldStopWorkingAfterAMoveWhileImmutableIdsKeepWorking() throws Exception {
        String encoded = Base64.getEncoder().encodeToString(mime(9));
        JsonNode rest = json(post("/me/messages", "text/plain", encoded));
        assertThat(rest.path("isDraft").asBoolean()).isTrue();
        String immutable = mailbox.messagesIn(GraphMailbox.DRAFTS).getFirst().immutableId();

        assertThat(post("/me/messages/" + rest.path("id").asText() + "/send", "text/plain", "").statusCode()).isEqualTo(202);

        assertThat(get("/me/messages/" + rest.path("id").asText()).statusCode()).isEqualTo(404);
        assertThat(get("/me/messages/" + immutable + "/$value").body()).contains("Body 9");
        String filter = URLEncoder.encode("internetMessageId eq '<m9@customer.test>'", StandardCharsets.UTF_8);
        JsonNode found = json(get("/me/mailFolders/sentitems/messages?$filter=" + filter, IMMUTABLE));
        assertThat(found.path("value")).singleElement().satisfies(m -> assertThat(m.path("id").asText()).isEqualTo(immutable));
        assertThat(graph.receivedBy(ADDRESS)).hasSize(1);
    }

    @Test
    void sendMailShouldAcceptBase64MimeOnly() throws Exception {
        assertThat(post("/me/sendMail", "text/plain", Base64.getEncoder().encodeToString(mime(5))).statusCode()).isEqualTo(202);
        assertThat(mailbox.messagesIn(GraphMailbox.SENT_ITEMS)).hasSize(1);

        HttpResponse<String> notBase64 = post("/me/sendMail", "text/plain", "%%% not base64 %%%");
        assertThat(notBase64.statusCode()).isEqualTo(400);
        assertThat(json(notBase64).path("error").path("code").asText()).isEqualTo("ErrorMimeContentInvalidBase64String");
    }

    @Test
    void anUnknownTokenShouldGetGraphsErrorShape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(graph.baseUrl() + "/me"))
                .header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        JsonNode error = json(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("InvalidAuthenticationToken");
        assertThat(error.path("innerError").path("request-id").asText()).isNotBlank();
    }

    @Test
    void armedFaultsShouldFireTheGivenNumberOfTimesWithRetryAfter() throws Exception {
        graph.failNext(RequestKind.ME, Fault.tooManyRequests(Duration.ofSeconds(9)), 2);

        HttpResponse<String> throttled = get("/me");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("9");
        assertThat(get("/me").statusCode()).isEqualTo(429);
        assertThat(get("/me").statusCode()).isEqualTo(200);
    }

    @Test
    void moreThanFourConcurrentRequestsForOneMailboxShouldBeThrottledAndMetered() throws Exception {
        graph.slowDown(Duration.ofMillis(300));
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                statuses.add(pool.submit(() -> get("/me").statusCode()));
            }
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get());
            }
            assertThat(answered).contains(429);
        }
        assertThat(mailbox.maxConcurrentRequests()).isGreaterThan(GraphDouble.MAILBOX_CONCURRENCY_LIMIT);
    }
}
