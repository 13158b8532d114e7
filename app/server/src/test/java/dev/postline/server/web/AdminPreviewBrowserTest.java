package dev.postline.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.server.support.ConversationFixture;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Preview permissions in a real browser: from the touchpoint's page to its preview page, Agents
 * unchecked and saved; the API then reports the remaining roles and the agent of the queue is
 * refused the conversation's content while still seeing it listed. Screenshots: preview-*.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPreviewBrowserTest implements PostlineTestProperties {

    static final String SLUG = "previewbrowser";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;

    Browser browser;
    Http http;
    TenantFixture t;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, SLUG);
    }

    @BeforeEach
    void browser() {
        if (browser == null) {
            browser = Browser.launch();
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdminUnchecksAgentsAndTheAgentOfTheQueueMustClaimBeforeReading() {
        String conversation = ConversationFixture.create(http, pipeline, t).conversationId();
        Page page = browser.newPage();
        page.navigate(server.getURI() + "/admin/sign-in");
        page.getByLabel("Tenant").fill(SLUG);
        page.getByLabel("Email").fill("admin@" + SLUG + ".example.com");
        page.getByLabel("Password").fill(TenantFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.locator("header .user")).hasText("Admin " + t.marker());
        page.navigate(server.getURI() + "/admin/touchpoints/" + t.touchpointId());
        assertThat(page.locator("h1")).hasText("Support " + t.marker());

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Preview permissions")).click();
        assertThat(page.locator("h1")).hasText("Preview permissions of “Support " + t.marker() + "”");
        assertThat(page.locator("#state-everyone")).isVisible();
        assertThat(page.getByLabel("Agents")).isChecked();
        Browser.screenshot(page, "preview-01-default");

        page.getByLabel("Agents").uncheck();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page).hasURL(Pattern.compile(".*/preview\\?done=saved"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The preview permissions were saved.");
        assertThat(page.getByLabel("Agents")).not().isChecked();
        assertThat(page.getByLabel("Supervisors")).isChecked();
        assertThat(page.locator("#state-some")).isVisible();
        Browser.screenshot(page, "preview-02-agents-unchecked");

        assertThat(http.get("/api/v1/touchpoints/" + t.touchpointId() + "/preview-roles", t.admin()).map())
                .containsEntry("roles", List.of("ADMIN", "SUPERVISOR"));
        assertThat(http.get("/api/v1/conversations/" + conversation, t.agent()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/conversations", t.agent()).body()).contains(conversation);
        assertThat(browser.dialogs).isEmpty();
        assertThat(browser.cspViolations).isEmpty();
    }
}
