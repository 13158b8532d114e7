package dev.postline.connectors.gmaildouble;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The double answers with the shapes of the Gmail API reference, over plain HTTP. */
class GmailDoubleTest {

    private static final String USER = "support@acme.test";
    private static final String TOKEN = "token-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GmailDouble gmail = GmailDouble.start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    GmailDoubleTest() {
        gmail.addUser(USER, TOKEN);
    }

    @AfterEach
    void tearDown() {
        http.close();
        gmail.close();
    }

    private record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private Answer get(String pathAndQuery) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(gmail.rootUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + TOKEN).GET().build());
    }

    private Answer call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    }

    private static byte[] mail(String messageId, String extraHeaders) {
        return ("From: maria@customer.test\r\nTo: " + USER + "\r\nSubject: Hi\r\nMessage-ID: " + messageId + "\r\n"
                + extraHeaders + "\r\nBody of " + messageId + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void profileShouldNameTheTokensMailboxAndItsCurrentHistoryId() throws Exception {
        gmail.deliver(USER, mail("<a@x>", ""));

        Answer profile = get("gmail/v1/users/me/profile");

        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.body().path("emailAddress").asText()).isEqualTo(USER);
        assertThat(profile.body().path("historyId").asText()).isEqualTo(Long.toString(gmail.mailbox(USER).historyId()));
    }

    @Test
    void historyShouldPageThroughMessageAddedRecordsAndAnswer404OnceForgotten() throws Exception {
        long start = gmail.mailbox(USER).historyId();
        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            delivered.add(gmail.deliver(USER, mail("<m" + i + "@x>", "")).id());
        }

        List<String> seen = new ArrayList<>();
        String query = "gmail/v1/users/me/history?startHistoryId=" + start + "&historyTypes=messageAdded&labelId=INBOX&maxResults=2";
        Answer page = get(query);
        page.body().path("history").forEach(h -> seen.add(h.path("messagesAdded").get(0).path("message").path("id").asText()));
        assertThat(page.body().path("history").get(0).path("messagesAdded").get(0).path("message").path("labelIds").toString())
                .contains("INBOX");
        assertThat(page.body().path("historyId").asText()).isEqualTo(Long.toString(gmail.mailbox(USER).historyId()));
        Answer next = get(query + "&pageToken=" + page.body().path("nextPageToken").asText());
        next.body().path("history").forEach(h -> seen.add(h.path("messages").get(0).path("id").asText()));
        assertThat(next.body().has("nextPageToken")).isFalse();
        assertThat(seen).isEqualTo(delivered);

        gmail.mailbox(USER).forgetHistory();
        Answer gone = get(query);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().path("error").path("errors").get(0).path("reason").asText()).isEqualTo("notFound");
    }

    @Test
    void rawFormatShouldRoundTripTheExactBytes() throws Exception {
        byte[] raw = mail("<raw@x>", "X-Binary: caf\u00e9\r\n");
        StoredMessage stored = gmail.deliver(USER, raw);

        Answer message = get("gmail/v1/users/me/messages/" + stored.id() + "?format=raw");

        assertThat(Base64.getUrlDecoder().decode(message.body().path("raw").asText())).isEqualTo(raw);
        assertThat(message.body().path("threadId").asText()).isEqualTo(stored.threadId());
        assertThat(message.body().path("labelIds").toString()).contains("INBOX");
        assertThat(message.body().path("internalDate").asText()).isEqualTo(Long.toString(stored.internalDate()));
        assertThat(get("gmail/v1/users/me/messages/0000000000000000?format=raw").status()).isEqualTo(404);
    }

    @Test
    void listShouldGoNewestFirstAndFilterByDateAndMessageId() throws Exception {
        Instant now = Instant.now();
        gmail.deliver(USER, mail("<old@x>", ""), now.minus(Duration.ofDays(10)));
        String recent = gmail.deliver(USER, mail("<recent@x>", ""), now.minus(Duration.ofDays(1))).id();
        String newest = gmail.deliver(USER, mail("<newest@x>", ""), now).id();

        Answer since = get("gmail/v1/users/me/messages?labelIds=INBOX&q=after:" + now.minus(Duration.ofDays(2)).getEpochSecond());
        assertThat(since.body().path("messages").findValuesAsText("id")).containsExactly(newest, recent);
        assertThat(since.body().path("resultSizeEstimate").asInt()).isEqualTo(2);

        Answer byId = get("gmail/v1/users/me/messages?q=rfc822msgid:%3Crecent@x%3E");
        assertThat(byId.body().path("messages").findValuesAsText("id")).containsExactly(recent);

        Answer paged = get("gmail/v1/users/me/messages?maxResults=2");
        assertThat(paged.body().has("nextPageToken")).isTrue();
        assertThat(get("gmail/v1/users/me/messages?q=has:attachment").status()).isEqualTo(400);
    }

    @Test
    void sendShouldStoreInSentThreadTheReplyAndDeliverWithoutBcc() throws Exception {
        StoredMessage question = gmail.deliver(USER, mail("<q@customer.test>", ""));
        String reply = "From: " + USER + "\r\nTo: maria@customer.test\r\nBcc: boss@acme.test\r\nSubject: Re: Hi\r\n"
                + "Message-ID: <r@acme.test>\r\nIn-Reply-To: <q@customer.test>\r\n\r\nAnswer\r\n";
        String body = "{\"raw\":\"" + Base64.getUrlEncoder().encodeToString(reply.getBytes(StandardCharsets.US_ASCII)) + "\"}";

        Answer sent = call(HttpRequest.newBuilder(URI.create(gmail.rootUrl() + "gmail/v1/users/me/messages/send"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().path("labelIds").toString()).isEqualTo("[\"SENT\"]");
        assertThat(sent.body().path("threadId").asText()).isEqualTo(question.threadId());
        assertThat(new String(gmail.inbox("maria@customer.test").getFirst(), StandardCharsets.US_ASCII)).doesNotContain("Bcc");
        assertThat(gmail.inbox("boss@acme.test")).hasSize(1);
        Answer found = get("gmail/v1/users/me/messages?labelIds=SENT&q=rfc822msgid:r@acme.test");
        assertThat(found.body().path("messages").get(0).path("id").asText()).isEqualTo(sent.body().path("id").asText());
    }

    @Test
    void uploadEndpointShouldAcceptMediaAndMultipart() throws Exception {
        byte[] raw = ("From: " + USER + "\r\nTo: maria@customer.test\r\nSubject: Big\r\nMessage-ID: <big@acme.test>\r\n\r\nX\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Answer media = call(HttpRequest.newBuilder(URI.create(gmail.rootUrl() + "upload/gmail/v1/users/me/messages/send?uploadType=media"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build());
        String multipart = "--b1\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"threadId\":\""
                + media.body().path("threadId").asText() + "\"}\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\n"
                + new String(raw, StandardCharsets.US_ASCII) + "\r\n--b1--\r\n";
        Answer related = call(HttpRequest.newBuilder(URI.create(gmail.rootUrl() + "upload/gmail/v1/users/me/messages/send?uploadType=multipart"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "multipart/related; boundary=b1")
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build());

        assertThat(media.status()).isEqualTo(200);
        assertThat(related.status()).isEqualTo(200);
        assertThat(related.body().path("threadId").asText()).isEqualTo(media.body().path("threadId").asText());
        assertThat(gmail.inbox("maria@customer.test")).allSatisfy(r -> assertThat(r).isEqualTo(raw));
        assertThat(gmail.count(Endpoint.UPLOAD_SEND)).isEqualTo(2);
    }

    @Test
    void gzipCompressedRequestBodiesShouldBeAcceptedAsGoogleAcceptsThem() throws Exception {
        String reply = "From: " + USER + "\r\nTo: maria@customer.test\r\nSubject: Zipped\r\nMessage-ID: <z@acme.test>\r\n\r\nHi\r\n";
        byte[] json = ("{\"raw\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(reply.getBytes(StandardCharsets.US_ASCII))
                + "\"}").getBytes(StandardCharsets.UTF_8);

        Answer sent = call(HttpRequest.newBuilder(URI.create(gmail.rootUrl() + "gmail/v1/users/me/messages/send"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json; charset=UTF-8")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gzip(json))).build());
        long onTheWire = gzip(json).length;
        Answer unknown = call(HttpRequest.newBuilder(URI.create(gmail.rootUrl() + "gmail/v1/users/me/messages/send"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json; charset=UTF-8")
                .header("Content-Encoding", "br").POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());

        assertThat(sent.status()).isEqualTo(200);
        assertThat(gmail.inbox("maria@customer.test")).singleElement()
                .satisfies(r -> assertThat(new String(r, StandardCharsets.US_ASCII)).isEqualTo(reply));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(gmail.requests().getFirst().bodyBytes()).as("logged as sent on the wire").isEqualTo(onTheWire);
    }

    @Test
    void resumableUploadShouldTakeTheMessageInChunksAndSendItOnceComplete() throws Exception {
        StoredMessage question = gmail.deliver(USER, mail("<q2@customer.test>", ""));
        byte[] raw = ("From: " + USER + "\r\nTo: maria@customer.test\r\nSubject: Re: Hi\r\nMessage-ID: <res@acme.test>\r\n\r\n"
                + "x".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        String upload = gmail.rootUrl() + "upload/gmail/v1/users/me/messages/send";

        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(upload + "?uploadType=resumable"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json; charset=UTF-8")
                .header("X-Upload-Content-Type", "message/rfc822").header("X-Upload-Content-Length", Integer.toString(raw.length))
                .POST(HttpRequest.BodyPublishers.ofString("{\"threadId\":\"" + question.threadId() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        URI session = URI.create(started.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> first = put(session, raw, 0, 600, raw.length);
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(session).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Range", "bytes */" + raw.length).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> misplaced = put(session, raw, 0, 600, raw.length);
        assertThat(gmail.inbox("maria@customer.test")).as("nothing sent before the last byte").isEmpty();
        HttpResponse<String> last = put(session, raw, 600, raw.length, raw.length);

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(session.getRawQuery()).contains("uploadType=resumable").contains("upload_id=");
        assertThat(List.of(first, status, misplaced)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(308);
            assertThat(r.headers().firstValue("Range")).contains("bytes=0-599");
        });
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(last.body()).path("threadId").asText()).isEqualTo(question.threadId());
        assertThat(gmail.inbox("maria@customer.test")).singleElement().satisfies(r -> assertThat(r).isEqualTo(raw));
        assertThat(gmail.quota().totalUnits(USER)).as("one messages.send").isEqualTo(100);
        assertThat(put(session, raw, 0, raw.length, raw.length).statusCode()).as("a finished session is gone").isEqualTo(404);
    }

    private HttpResponse<String> put(URI session, byte[] raw, int from, int to, int total) throws Exception {
        return http.send(HttpRequest.newBuilder(session).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "message/rfc822").header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + total)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(raw, from, to - from)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void unknownTokenShouldGetTheDocumented401() throws Exception {
        Answer answer = call(HttpRequest.newBuilder(URI.create(gmail.rootUrl() + "gmail/v1/users/me/profile"))
                .header("Authorization", "Bearer nope").GET().build());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        JsonNode error = answer.body().path("error");
        assertThat(error.path("code").asInt()).isEqualTo(401);
        assertThat(error.path("errors").get(0).path("reason").asText()).isEqualTo("authError");
        assertThat(error.path("errors").get(0).path("location").asText()).isEqualTo("Authorization");
    }

    @Test
    void armedFaultShouldAnswerOnceWithRetryAfter() throws Exception {
        gmail.faults().next(Endpoint.PROFILE, Fault.tooManyRequests(Duration.ofSeconds(9)));

        Answer throttled = get("gmail/v1/users/me/profile");
        Answer fine = get("gmail/v1/users/me/profile");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.raw().headers().firstValue("Retry-After")).contains("9");
        assertThat(throttled.body().path("error").path("errors").get(0).path("reason").asText()).isEqualTo("rateLimitExceeded");
        assertThat(fine.status()).isEqualTo(200);
    }

    @Test
    void quotaShouldRefuseOverTheLimitWithATimeToRetryAndCountUnits() throws Exception {
        gmail.quota().limitPerMinute(4);
        String id = gmail.deliver(USER, mail("<q@x>", "")).id();

        assertThat(get("gmail/v1/users/me/history?startHistoryId=1000").status()).isEqualTo(200); // 2 units
        Answer refused = get("gmail/v1/users/me/messages/" + id + "?format=raw");                 // 5 units: over

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("error").path("message").asText()).contains("Retry after ");
        assertThat(gmail.quota().unitsInLastMinute(USER)).isEqualTo(2);
        assertThat(gmail.quota().refusals(USER)).isEqualTo(1);
        assertThat(gmail.requests()).extracting(LoggedRequest::status).containsExactly(200, 429);
    }
}
