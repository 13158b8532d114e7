package dev.postline.server.consent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An admin's browser session: signed in through the login API, it carries only the
 * {@code postline_session} cookie (no bearer header) and follows no redirect, so each hop of the
 * consent is visible.
 */
final class AdminBrowser {

    record Page(int status, String contentType, String body, Map<String, List<String>> headers) {
        String location() {
            return headers.getOrDefault("location", List.of("")).getFirst();
        }
    }

    private final URI base;
    private final String cookie;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private AdminBrowser(URI base, String cookie) {
        this.base = base;
        this.cookie = cookie;
    }

    static AdminBrowser signIn(URI base, String tenant, String email, String password) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String body = "{\"tenant\":\"" + tenant + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("postline_session=([^;]+)").matcher(String.join("\n", login.headers().allValues("set-cookie")));
        if (login.statusCode() != 200 || !m.find()) {
            throw new AssertionError("sign-in failed: " + login.statusCode() + " " + login.body());
        }
        return new AdminBrowser(base, m.group(1));
    }

    /** Starts the consent; returns the authorization URL (or fails with the answer). */
    URI startConsent(String touchpointId) throws Exception {
        Page started = send("POST", "/api/v1/touchpoints/" + touchpointId + "/oauth/start", "application/json");
        Matcher url = Pattern.compile("\"authorizationUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(started.body());
        if (started.status() != 200 || !url.find()) {
            throw new AssertionError("consent did not start: " + started);
        }
        return URI.create(url.group(1).replace("\\u0026", "&"));
    }

    /** Arrives at the provider's redirect (only its path and query: the test server's port is not the configured one). */
    Page arrive(URI redirect, String accept) throws Exception {
        return send("GET", redirect.getRawPath() + "?" + redirect.getRawQuery(), accept);
    }

    Page get(String pathAndQuery, String accept) throws Exception {
        return send("GET", pathAndQuery, accept);
    }

    private Page send(String method, String pathAndQuery, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60))
                .header("Cookie", "postline_session=" + cookie).header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Page(response.statusCode(), response.headers().firstValue("content-type").orElse(""), response.body(),
                response.headers().map());
    }
}
