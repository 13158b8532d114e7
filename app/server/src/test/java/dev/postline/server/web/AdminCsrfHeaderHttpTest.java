package dev.postline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin pages' CSRF check is skipped only when a header really authenticated the request and no
 * session cookie did (#13 item 11): a cookie-authenticated form post carrying a credential header
 * that authenticates nothing, or one that does while the cookie is sent too, still needs its token.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCsrfHeaderHttpTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    TenantFixture t;
    String path;

    @BeforeAll
    void tenant() {
        t = TenantFixture.create(new Http(server.getURI(), json), "csrfheader");
        path = "/admin/touchpoints/" + t.touchpointId() + "/enabled";
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization=Bearer x", "X-Api-Key=x", "Authorization=Basic eDp4", "Authorization=Bearer VALID_ADMIN_TOKEN"})
    void aCookieAuthenticatedPostWithACredentialHeaderButNoTokenIsRefused(String header) {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("csrfheader", "admin@csrfheader.example.com", TenantFixture.PASSWORD);
        String name = header.substring(0, header.indexOf('='));
        String value = header.substring(header.indexOf('=') + 1).replace("VALID_ADMIN_TOKEN", t.admin().bearer());

        var refused = browser.post(path, List.of(Map.entry("enabled", "false")), Map.of(name, value));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Form expired");
        assertThat(browser.get("/admin/touchpoints").body()).as("nothing changed").doesNotContain("(inactive)");
    }

    @Test
    void anUploadFormCarriesItsTokenInsideTheMultipartBody() throws Exception {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("csrfheader", "admin@csrfheader.example.com", TenantFixture.PASSWORD);
        String token = FormClient.token(browser.get("/admin/touchpoints/" + t.touchpointId() + "/blocklist"));
        String cookies = "postline_session=" + browser.cookie("postline_session").orElseThrow()
                + "; postline_csrf=" + browser.cookie("postline_csrf").orElseThrow();
        String path = "/admin/touchpoints/" + t.touchpointId() + "/blocklist/import";

        assertThat(upload(path, cookies, null).statusCode()).as("no token").isEqualTo(403);
        var accepted = upload(path, cookies, token);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).doesNotContain("Form expired");
    }

    private HttpResponse<String> upload(String path, String cookies, String token) throws Exception {
        String boundary = "csrf-boundary";
        String body = (token == null ? "" : "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\naddress\r\nblocked@example.com\r\n--" + boundary + "--\r\n";
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .timeout(Duration.ofSeconds(30)).header("Cookie", cookies).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPostAuthenticatedByABearerTokenAloneNeedsNoFormToken() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> done = client.send(HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + t.admin().bearer()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("enabled=true")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    }
}
