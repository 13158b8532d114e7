package dev.postline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin pages' HTTP contract without a browser: who gets in, CSRF on every form post, the
 * security headers. The browser tests (AdminBrowserTest) cover what a person sees.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesHttpTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    TenantFixture t;

    @BeforeAll
    void tenant() {
        t = TenantFixture.create(new Http(server.getURI(), json), "pages");
    }

    @Test
    void anAdminSignsInAndSeesTheTenantTheUserAndTheTouchpoints() {
        FormClient browser = new FormClient(server.getURI());
        assertThat(browser.get("/admin/touchpoints").statusCode()).as("not signed in").isEqualTo(303);
        browser.signIn("pages", "admin@pages.example.com", TenantFixture.PASSWORD);

        var page = browser.get("/admin/touchpoints");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Company " + t.marker()).contains("Admin " + t.marker())
                .contains("Support " + t.marker()).contains("support@pages.example.com").contains("Queue " + t.marker());
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                        + "form-action 'self'; base-uri 'none'; object-src 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain(" style=");
    }

    @Test
    void aFormPostWithoutTheTokenOrWithAnotherSessionsTokenIsRefused() {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("pages", "admin@pages.example.com", TenantFixture.PASSWORD);
        String path = "/admin/touchpoints/" + t.touchpointId() + "/enabled";

        assertThat(browser.post(path, Map.of("enabled", "false")).statusCode()).as("no token").isEqualTo(403);
        assertThat(browser.post(path, Map.of("enabled", "false", "_csrf", "forged")).statusCode()).as("forged").isEqualTo(403);
        FormClient other = new FormClient(server.getURI());
        other.signIn("pages", "admin@pages.example.com", TenantFixture.PASSWORD);
        String othersToken = FormClient.token(other.get("/admin/touchpoints"));
        assertThat(browser.post(path, Map.of("enabled", "false", "_csrf", othersToken)).statusCode())
                .as("another session's token").isEqualTo(403);
        assertThat(browser.get("/admin/touchpoints").body()).as("nothing changed").doesNotContain("(inactive)");

        String token = FormClient.token(browser.get("/admin/touchpoints"));
        assertThat(browser.post(path, Map.of("enabled", "false", "_csrf", token)).statusCode()).isEqualTo(303);
        assertThat(browser.get("/admin/touchpoints").body()).contains("(inactive)");
        assertThat(browser.post(path, Map.of("enabled", "true", "_csrf", token)).statusCode()).isEqualTo(303);
    }

    @Test
    void theWizardRendersTheConnectorsOwnFieldsAndNeverEchoesThePassword() {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("pages", "admin@pages.example.com", TenantFixture.PASSWORD);
        var page = browser.get("/admin/touchpoints/new/connection?connector=imap&preset=gmail");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("IMAP server").contains("Sign-in method").contains("<option value=\"gmail\" selected");

        var next = browser.post("/admin/touchpoints/new", Map.of("_csrf", FormClient.token(page), "step", "connection", "go", "next",
                "connector", "imap", "address", "not-an-address", "s.preset", "custom", "s.password", "secret-Xy7"));
        assertThat(next.statusCode()).isEqualTo(400);
        assertThat(next.body()).contains("id=\"address-error\"").contains("id=\"s-imapHost-error\"").doesNotContain("secret-Xy7");
    }

    @Test
    void anAgentIsSignedInButGetsTheForbiddenPage() {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("pages", "agent@pages.example.com", TenantFixture.PASSWORD);
        var page = browser.get("/admin/touchpoints");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("ADMIN role").doesNotContain("Support " + t.marker());
    }

    @Test
    void aWrongPasswordShowsTheSignInFormAgain() {
        FormClient browser = new FormClient(server.getURI());
        String token = FormClient.token(browser.get("/admin/sign-in"));
        var response = browser.post("/admin/sign-in", Map.of("_csrf", token, "tenant", "pages",
                "email", "admin@pages.example.com", "password", "wrong"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Wrong tenant, email or password.");
        assertThat(browser.get("/admin/touchpoints").statusCode()).isEqualTo(303);
    }
}
