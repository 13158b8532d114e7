package dev.postline.connectors.graphdouble;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the routes see it: method, path segments after {@code /v1.0}, decoded query options,
 * the {@code Prefer} preferences, the body, and the base URL links must start with (taken from the
 * {@code Host} the client used, so links stay valid behind a relay).
 */
record GraphRequest(String method, List<String> segments, Map<String, String> query, List<String> prefer,
                    String contentType, byte[] body, String base, String target, Optional<String> bearer) {

    static final String VERSION = "/v1.0";

    static GraphRequest read(HttpExchange ex) throws IOException {
        String rawPath = ex.getRequestURI().getRawPath();
        List<String> segments = new ArrayList<>();
        if (rawPath.startsWith(VERSION + "/")) {
            for (String s : rawPath.substring(VERSION.length() + 1).split("/")) {
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        String rawQuery = ex.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        List<String> prefer = ex.getRequestHeaders().getOrDefault("Prefer", List.of());
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Optional<String> bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.of(auth.substring(7).trim()) : Optional.empty();
        String host = Optional.ofNullable(ex.getRequestHeaders().getFirst("Host"))
                .orElse("127.0.0.1:" + ex.getLocalAddress().getPort());
        byte[] body = ex.getRequestBody().readAllBytes();
        String target = rawPath + (rawQuery == null ? "" : "?" + URLDecoder.decode(rawQuery, StandardCharsets.UTF_8));
        return new GraphRequest(ex.getRequestMethod(), List.copyOf(segments), query, List.copyOf(prefer),
                Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse(""), body,
                "http://" + host + VERSION, target, bearer);
    }

    /** A preference's value from any {@code Prefer} header, e.g. {@code odata.maxpagesize}. */
    Optional<String> preference(String name) {
        for (String header : prefer) {
            for (String part : header.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                    return Optional.of(part.substring(eq + 1).trim().replace("\"", ""));
                }
            }
        }
        return Optional.empty();
    }

    boolean wantsImmutableIds() {
        return preference("IdType").filter(v -> v.equalsIgnoreCase("ImmutableId")).isPresent();
    }

    boolean is(String expectedMethod, String... pattern) {
        if (!method.equalsIgnoreCase(expectedMethod) || segments.size() != pattern.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equalsIgnoreCase(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    RequestKind kind() {
        if (is("GET", "me")) {
            return RequestKind.ME;
        } else if (is("GET", "me", "mailFolders", "*", "messages", "delta")) {
            return RequestKind.DELTA;
        } else if (is("GET", "me", "messages", "*", "$value")) {
            return RequestKind.MIME_CONTENT;
        } else if (is("GET", "me", "messages", "*")) {
            return RequestKind.GET_MESSAGE;
        } else if (is("POST", "me", "messages")) {
            return RequestKind.CREATE_MESSAGE;
        } else if (is("PATCH", "me", "messages", "*")) {
            return RequestKind.UPDATE_MESSAGE;
        } else if (is("POST", "me", "messages", "*", "send")) {
            return RequestKind.SEND_DRAFT;
        } else if (is("POST", "me", "sendMail")) {
            return RequestKind.SEND_MAIL;
        } else if (is("GET", "me", "mailFolders", "*", "messages")) {
            return RequestKind.LIST_MESSAGES;
        } else if (is("POST", "subscriptions")) {
            return RequestKind.CREATE_SUBSCRIPTION;
        } else if (is("PATCH", "subscriptions", "*")) {
            return RequestKind.UPDATE_SUBSCRIPTION;
        } else if (is("DELETE", "subscriptions", "*")) {
            return RequestKind.DELETE_SUBSCRIPTION;
        }
        return RequestKind.OTHER;
    }
}
