package dev.postline.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: keeps cookies, follows no redirects, posts url-encoded forms. For
 * checks on the admin pages' HTTP contract (status codes, headers, CSRF) that need no rendering.
 */
final class FormClient {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    FormClient(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> fields) {
        return post(path, List.copyOf(fields.entrySet()));
    }

    /** A form whose fields may repeat (checkboxes of one name), in this order. */
    HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) {
        return post(path, fields, Map.of());
    }

    /** A form sent with extra request headers (e.g. a credential header beside the session cookie). */
    HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields, Map<String, String> headers) {
        String body = fields.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** The value of a cookie this browser holds, e.g. the session cookie. */
    java.util.Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst();
    }

    /** The CSRF token in a page's forms. */
    static String token(HttpResponse<String> page) {
        Matcher m = TOKEN.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no CSRF token on the page: " + page.body());
        }
        return m.group(1);
    }

    /** Signs in through the sign-in form, as a browser would. */
    void signIn(String tenant, String email, String password) {
        String token = token(get("/admin/sign-in"));
        var response = post("/admin/sign-in", Map.of("_csrf", token, "tenant", tenant, "email", email, "password", password));
        if (response.statusCode() != 303) {
            throw new AssertionError("sign-in failed: " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
