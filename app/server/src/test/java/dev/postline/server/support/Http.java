package dev.postline.server.support;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A raw HTTP client for tests: sends exactly the bytes given (so malformed bodies reach the
 * server as written) and decodes JSON answers into maps and lists.
 */
public final class Http {

    public record Response(int status, String contentType, String body, Map<String, List<String>> headers, JsonMapper json) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return (Map<String, Object>) parse();
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list() {
            return (List<Map<String, Object>>) parse();
        }

        public String string(String field) {
            Object value = map().get(field);
            return value == null ? null : value.toString();
        }

        private Object parse() {
            try {
                return json.readValue(body, Argument.OBJECT_ARGUMENT);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    /** How a request authenticates. */
    public record Auth(@Nullable String bearer, @Nullable String apiKey) {
        public static final Auth NONE = new Auth(null, null);

        public static Auth bearer(String token) {
            return new Auth(token, null);
        }

        public static Auth apiKey(String key) {
            return new Auth(null, key);
        }
    }

    /** A body sent verbatim with its own content type (forms and uploads for the admin pages). */
    public record RawBody(String contentType, String payload) {

        public static RawBody form(String urlEncoded) {
            return new RawBody("application/x-www-form-urlencoded", urlEncoded);
        }

        /** A multipart/form-data body with one text file part named {@code field}. */
        public static RawBody file(String field, String fileName, String content) {
            String boundary = "postline-test-boundary";
            return new RawBody("multipart/form-data; boundary=" + boundary, "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n");
        }
    }

    private final URI base;
    private final JsonMapper json;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Http(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    public Response get(String path, Auth auth) {
        return send("GET", path, auth, null);
    }

    public Response post(String path, Auth auth, Object body) {
        return send("POST", path, auth, body);
    }

    public Response patch(String path, Auth auth, Object body) {
        return send("PATCH", path, auth, body);
    }

    public Response put(String path, Auth auth, @Nullable Object body) {
        return send("PUT", path, auth, body);
    }

    public Response delete(String path, Auth auth) {
        return send("DELETE", path, auth, null);
    }

    /** Sends {@code body} as JSON; a String body is sent verbatim. */
    public Response send(String method, String path, Auth auth, @Nullable Object body) {
        try {
            String payload = body == null ? null : body instanceof RawBody raw ? raw.payload()
                    : body instanceof String s ? s : json.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
            if (auth.bearer() != null) {
                request.header("Authorization", "Bearer " + auth.bearer());
            }
            if (auth.apiKey() != null) {
                request.header("X-Api-Key", auth.apiKey());
            }
            if (payload != null) {
                request.header("Content-Type", body instanceof RawBody raw ? raw.contentType() : "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(payload));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body(), response.headers().map(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data upload of one file in the part {@code file}; the file name and type are sent as given. */
    public Response upload(String path, Auth auth, String fileName, String contentType, byte[] content) {
        return uploadWithFileParameter(path, auth, "filename=\"" + fileName + "\"", contentType, content);
    }

    /** Like {@link #upload}, with the Content-Disposition file parameter as written (e.g. RFC 2231 {@code filename*=UTF-8''…}). */
    public Response uploadWithFileParameter(String path, Auth auth, String fileParameter, String contentType, byte[] content) {
        try {
            String boundary = "----postline-test-" + System.nanoTime();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; " + fileParameter + "\r\n"
                    + "Content-Type: " + contentType + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            if (auth.bearer() != null) {
                request.header("Authorization", "Bearer " + auth.bearer());
            }
            if (auth.apiKey() != null) {
                request.header("X-Api-Key", auth.apiKey());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body(), response.headers().map(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String login(@Nullable String tenant, String email, String password) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "password", password));
        if (tenant != null) {
            body.put("tenant", tenant);
        }
        Response response = post("/api/v1/auth/login", Auth.NONE, body);
        if (response.status() != 200) {
            throw new AssertionError("login failed for " + email + ": " + response);
        }
        return response.string("accessToken");
    }
}
