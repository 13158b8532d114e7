package dev.postline.connectors.graphdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The double's subscriptions as Graph documents them, checked with a plain HTTP client and a tiny webhook. */
class GraphDoubleSubscriptionsTest {

    private static final String ADDRESS = "agent@contoso.test";
    private static final String TOKEN = "token-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MovableClock clock = new MovableClock();
    private final GraphDouble graph = GraphDouble.start(clock);
    private final GraphMailbox mailbox = graph.addMailbox(ADDRESS, TOKEN);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpServer webhook = echoingWebhook();

    @AfterEach
    void tearDown() {
        webhook.stop(0);
        graph.close();
        http.close();
    }

    @Test
    void anExpiryBeyond4230MinutesAPlainHttpUrlOfAnotherHostAndANonMailResourceShouldBeRefused() throws Exception {
        assertThat(create(Map.of("expirationDateTime", clock.instant().plus(Duration.ofMinutes(4231)).toString())).statusCode())
                .isEqualTo(400);
        assertThat(create(Map.of("notificationUrl", "http://example.com/hooks")).body()).contains("https");
        assertThat(create(Map.of("resource", "me/events")).statusCode()).isEqualTo(400);
        assertThat(graph.subscriptions()).isEmpty();
        assertThat(graph.sentNotifications()).as("refused before any handshake").isEmpty();
    }

    @Test
    void anotherMailboxsTokenShouldNotFindTheSubscription() throws Exception {
        String id = JSON.readTree(create(Map.of()).body()).path("id").asText();
        graph.addMailbox("other@contoso.test", "token-2");

        assertThat(send("PATCH", "/subscriptions/" + id, "token-2", "{\"expirationDateTime\":\"" + clock.instant().plusSeconds(600) + "\"}")
                .statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/subscriptions/" + id, "token-2", null).statusCode()).isEqualTo(404);
        assertThat(graph.subscriptions()).hasSize(1);
    }

    @Test
    void anExpiredSubscriptionShouldBeGoneAndNotifyNothing() throws Exception {
        String id = JSON.readTree(create(Map.of("expirationDateTime", clock.instant().plus(Duration.ofHours(1)).toString())).body())
                .path("id").asText();
        clock.advance(Duration.ofMinutes(61));

        mailbox.deliver("Subject: late\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(send("PATCH", "/subscriptions/" + id, TOKEN, "{\"expirationDateTime\":\"" + clock.instant().plusSeconds(600) + "\"}")
                .statusCode()).isEqualTo(404);
        Thread.sleep(300);
        assertThat(graph.subscriptions()).isEmpty();
        assertThat(graph.sentNotifications()).extracting(SentNotification::kind).containsOnly("validation");
    }

    @Test
    void droppedNotificationsShouldBeRecordedAndTheNextOneSent() throws Exception {
        String id = JSON.readTree(create(Map.of()).body()).path("id").asText();
        graph.dropNextNotifications(1);

        mailbox.deliver("Subject: one\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        mailbox.deliver("Subject: two\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (graph.sentNotifications().stream().filter(n -> n.kind().equals("created")).count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(graph.sentNotifications()).filteredOn(n -> n.kind().equals("created")).extracting(SentNotification::status)
                .containsExactlyInAnyOrder(SentNotification.DROPPED, 202);
        assertThat(graph.sentNotifications()).filteredOn(n -> n.kind().equals("created"))
                .allSatisfy(n -> assertThat(n.subscriptionId()).isEqualTo(id));
    }

    @Test
    void lifecycleEventsNeedALifecycleUrlAndSubscriptionRemovedRemovesIt() throws Exception {
        String withoutLifecycle = JSON.readTree(create(Map.of("lifecycleNotificationUrl", "")).body()).path("id").asText();
        assertThatThrownBy(() -> graph.sendLifecycleEvent(withoutLifecycle, LifecycleEvent.MISSED))
                .isInstanceOf(IllegalStateException.class);

        String id = JSON.readTree(create(Map.of()).body()).path("id").asText();
        assertThat(graph.sendLifecycleEvent(id, LifecycleEvent.SUBSCRIPTION_REMOVED)).isEqualTo(202);
        assertThat(graph.subscriptions()).extracting(GraphSubscription::id).containsExactly(withoutLifecycle);
    }

    private HttpResponse<String> create(Map<String, String> overrides) throws Exception {
        String hook = "http://127.0.0.1:" + webhook.getAddress().getPort();
        Map<String, String> body = new java.util.HashMap<>(Map.of("changeType", "created", "notificationUrl", hook + "/n",
                "lifecycleNotificationUrl", hook + "/l", "resource", "me/mailFolders('inbox')/messages",
                "expirationDateTime", clock.instant().plus(Duration.ofHours(2)).toString(), "clientState", "state-1"));
        body.putAll(overrides);
        body.values().removeIf(String::isEmpty);
        return send("POST", "/subscriptions", TOKEN, JSON.writeValueAsString(body));
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(graph.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer echoingWebhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String query = exchange.getRequestURI().getRawQuery();
                    exchange.getRequestBody().readAllBytes();
                    if (query != null && query.startsWith("validationToken=")) {
                        byte[] token = URLDecoder.decode(query.substring(16), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "text/plain");
                        exchange.sendResponseHeaders(200, token.length);
                        exchange.getResponseBody().write(token);
                    } else {
                        exchange.sendResponseHeaders(202, -1);
                    }
                }
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Real time plus an offset the test moves. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.updateAndGet(o -> o.plus(by));
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
