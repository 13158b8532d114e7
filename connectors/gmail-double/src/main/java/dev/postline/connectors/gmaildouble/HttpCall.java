package dev.postline.connectors.gmaildouble;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** One HTTP exchange with the parsing and JSON answering every endpoint needs. */
final class HttpCall {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpExchange exchange;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final java.util.function.Consumer<HttpCall> beforeAnswer;
    private int status;
    private long bodyBytes;
    private boolean answered;

    /** {@code beforeAnswer} runs just before the status is sent, so a client never sees an answer before its log entry. */
    HttpCall(HttpExchange exchange, java.util.function.Consumer<HttpCall> beforeAnswer) {
        this.exchange = exchange;
        this.beforeAnswer = beforeAnswer;
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    Map<String, String> queryForLog() {
        Map<String, String> flat = new LinkedHashMap<>();
        query.forEach((k, v) -> flat.put(k, String.join(",", v)));
        return flat;
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /**
     * The request body, decompressed when it came with {@code Content-Encoding: gzip} (Google's API front ends
     * accept gzip-compressed request bodies, and Google's Java client compresses every body it sends unless
     * told not to). At most {@code limit} bytes are decompressed; a longer body reads as {@code limit + 1}
     * bytes so the caller can refuse it. {@link #bodyBytes()} stays the size on the wire.
     */
    byte[] body(int limit) throws IOException {
        byte[] wire;
        try (InputStream in = exchange.getRequestBody()) {
            wire = in.readAllBytes();
        }
        bodyBytes = wire.length;
        String encoding = header("Content-Encoding") == null ? "identity" : header("Content-Encoding").trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "identity", "" -> wire;
            case "gzip", "x-gzip" -> gunzip(wire, limit);
            default -> throw new IllegalArgumentException("Content-Encoding " + encoding + " is not supported (gzip, identity)");
        };
    }

    byte[] body() throws IOException {
        return body(Integer.MAX_VALUE - 16);
    }

    private static byte[] gunzip(byte[] wire, int limit) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
            return in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not valid gzip");
        }
    }

    boolean answered() {
        return answered;
    }

    int status() {
        return status;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    void json(int code, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        status = code;
        answered = true;
        beforeAnswer.accept(this);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Answers {@code code} with the given headers and no body (e.g. a resumable upload's 200 or 308). */
    void empty(int code, Map<String, String> headers) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        status = code;
        answered = true;
        beforeAnswer.accept(this);
        exchange.sendResponseHeaders(code, -1);
        exchange.getResponseBody().close();
    }

    /** Answers with Gmail's documented error body. */
    void error(Fault fault) throws IOException {
        ObjectNode detail = object().put("message", fault.fullMessage()).put("domain", fault.domain())
                .put("reason", fault.reason());
        if (fault.status() == 401) {
            detail.put("location", "Authorization").put("locationType", "header");
            exchange.getResponseHeaders().set("WWW-Authenticate",
                    "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
        }
        if (fault.retryAfterHeader() != null) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(fault.retryAfterHeader().toSeconds()));
        }
        ObjectNode error = object().put("code", fault.status()).put("message", fault.fullMessage());
        ArrayNode errors = error.putArray("errors");
        errors.add(detail);
        error.put("status", fault.statusName());
        ObjectNode body = object();
        body.set("error", error);
        json(fault.status(), body);
    }
}
