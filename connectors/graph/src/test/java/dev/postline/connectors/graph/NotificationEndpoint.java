package dev.postline.connectors.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A subscriber's webhook for connector tests: answers Graph's validation handshake (or, when told to,
 * answers it wrongly) and keeps every notification it receives.
 */
final class NotificationEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> validatedPaths = new CopyOnWriteArrayList<>();
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private volatile boolean echoTokens = true;

    NotificationEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI notifications() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/notifications");
    }

    URI lifecycle() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/lifecycle");
    }

    /** From now on the handshake is answered with another text than the token. */
    void answerHandshakesWrongly() {
        echoTokens = false;
    }

    List<String> validatedPaths() {
        return List.copyOf(validatedPaths);
    }

    List<JsonNode> received() {
        return List.copyOf(notifications);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (query != null && query.startsWith("validationToken=")) {
                validatedPaths.add(exchange.getRequestURI().getPath());
                String token = URLDecoder.decode(query.substring("validationToken=".length()), StandardCharsets.UTF_8);
                byte[] answer = (echoTokens ? token : "not the token").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            notifications.add(JSON.readTree(body));
            exchange.sendResponseHeaders(202, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
