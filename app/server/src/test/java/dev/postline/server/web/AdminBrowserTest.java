package dev.postline.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestOutcome;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.sync.SyncStates;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin pages in a real browser (headless Chromium): onboarding an IMAP mailbox on GreenMail
 * through the wizard (with data-source key/values and a report service name), hostile texts
 * rendered as text, a form without its CSRF token refused.
 * Screenshots of every page land in target/screenshots/.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBrowserTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(90_000);
    static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject SyncStates syncStates;
    @Inject IngestionPipeline pipeline;

    Browser browser;
    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        return MAIL.syncProperties();
    }

    @BeforeAll
    void start() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "browser");
    }

    /** Per test, so that each one is reported as skipped, with the reason, when there is no chromium. */
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
        MAIL.close();
    }

    @Test
    void anAdminOnboardsAnImapMailboxThroughTheWizardAndSeesItConnected() {
        String address = "wizard@browser.example.com";
        MAIL.mailbox(address, "mailbox-password-1");
        Page page = signedIn("wizard-01-touchpoints");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New touchpoint")).click();
        // No OAuth app is configured in this test: the provider is shown with the reason, not offered.
        assertThat(page.getByText("Microsoft mailboxes cannot be connected: the platform operator has not configured")).isVisible();
        Browser.screenshot(page, "wizard-02-provider");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("IMAP/SMTP · Other server")).click();

        page.getByLabel("Email address").fill(address);
        page.getByLabel("IMAP server", new Page.GetByLabelOptions().setExact(true)).fill("127.0.0.1");
        page.getByLabel("IMAP port", new Page.GetByLabelOptions().setExact(true)).fill(Integer.toString(MAIL.imapPort()));
        page.getByLabel("IMAP security", new Page.GetByLabelOptions().setExact(true)).selectOption("plain");
        page.getByLabel("SMTP server", new Page.GetByLabelOptions().setExact(true)).fill("127.0.0.1");
        page.getByLabel("SMTP port", new Page.GetByLabelOptions().setExact(true)).fill(Integer.toString(MAIL.smtpPort()));
        page.getByLabel("SMTP security", new Page.GetByLabelOptions().setExact(true)).selectOption("plain");
        page.getByLabel("User name").fill(address);

        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("wrong-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test connection")).click();
        assertThat(page.locator("#test-result")).containsText("Could not connect with these settings", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.content()).doesNotContain("wrong-password");
        Browser.screenshot(page, "wizard-03-connection-failed");

        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("mailbox-password-1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test connection")).click();
        assertThat(page.locator("#test-result")).containsText("Connection works", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.content()).doesNotContain("mailbox-password-1");
        Browser.screenshot(page, "wizard-04-connection-works");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next: settings")).click();

        // A name already taken is refused next to the field.
        page.getByLabel("Display name").fill("Support " + t.marker());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next: summary")).click();
        assertThat(page.locator("#displayName-error")).hasText("a touchpoint with this name already exists");
        Browser.screenshot(page, "wizard-05-settings-name-taken");
        page.getByLabel("Display name").fill("Wizard inbox");
        page.getByLabel("Queue " + t.marker()).check();
        // Data-source key/values: two pairs; "More rows" adds a row in place (admin.js), "Remove" takes one away.
        page.getByLabel("Key 1", EXACT).fill("brand");
        page.getByLabel("Value 1", EXACT).fill("acme");
        page.getByLabel("Key 2", EXACT).fill("crmQueue");
        page.getByLabel("Value 2", EXACT).fill("emea-billing");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("More rows")).click();
        assertThat(page.getByLabel("Key 4", EXACT)).isFocused();
        assertThat(page.getByLabel("Value 1", EXACT)).hasValue("acme"); // no round trip: nothing typed is lost
        page.getByLabel("Key 4", EXACT).fill("dropped");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove row 4")).click();
        assertThat(page.getByLabel("Key 4", EXACT)).isHidden();
        page.getByLabel("Report service name").fill("EMEA Billing");
        Browser.screenshot(page, "wizard-05b-settings-data-source");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next: summary")).click();

        assertThat(page.locator("table.facts")).containsText("Wizard inbox");
        assertThat(page.locator("table.facts")).containsText("set (not shown)");
        assertThat(page.locator("table.facts")).containsText("Data source: crmQueue");
        assertThat(page.locator("table.facts")).containsText("EMEA Billing");
        assertThat(page.locator("table.facts")).not().containsText("dropped");
        Browser.screenshot(page, "wizard-06-summary");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create touchpoint")).click();

        assertThat(page.locator("h1")).hasText("Wizard inbox");
        assertThat(page.locator("#status")).hasText("Connected", SLOW); // the page reloads itself while pending
        assertThat(page.locator("#report-service-name")).hasText("EMEA Billing");
        assertThat(page.locator("#data-source tr.data-source-pair")).hasCount(2);
        assertThat(page.locator("#data-source tr.data-source-pair").nth(0)).hasText(Pattern.compile("brand\\s*acme"));
        assertThat(page.locator("#data-source tr.data-source-pair").nth(1)).hasText(Pattern.compile("crmQueue\\s*emea-billing"));
        Browser.screenshot(page, "wizard-07-detail-connected");

        page.navigate(server.getURI() + "/admin/touchpoints");
        var row = page.locator("tr", new Page.LocatorOptions().setHasText("Wizard inbox"));
        assertThat(row.locator(".badge")).hasText("Connected");
        assertThat(row).containsText("Queue " + t.marker());
        Browser.screenshot(page, "wizard-08-list-1280");
        page.setViewportSize(390, 844);
        assertThat(row.locator(".badge")).isVisible();
        Browser.screenshot(page, "wizard-09-list-390");
        row.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Edit")).click();
        assertThat(page.getByLabel("Key 2", EXACT)).hasValue("crmQueue");
        assertThat(page.getByLabel("Report service name")).hasValue("EMEA Billing");
        Browser.screenshot(page, "wizard-10-edit-390");
        assertThat(browser.dialogs).isEmpty();
        assertThat(browser.cspViolations).as("no inline code blocked by the CSP").isEmpty();
    }

    @Test
    void aCsvBlocklistUploadReportsNewDuplicateAndInvalidRowsBeforeSaving() throws Exception {
        String list = "/api/v1/touchpoints/" + t.touchpointId() + "/blocklist";
        TenantFixture.expect(http.post(list, t.admin(), Map.of("pattern", "old@spam.example", "note", "from before")), 201);
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("blocklist", ".csv");
        java.nio.file.Files.writeString(csv, "address,note\r\njane@spam.example,Daily offers\r\n@junk.example,\"Whole domain, all senders\"\r\n"
                + "jane@spam.example,Again\r\nold@spam.example,Already there\r\nnot an address,Broken\r\n");

        Page page = signedIn("csv-01-signed-in");
        page.locator("tr", new Page.LocatorOptions().setHasText("Support " + t.marker()))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Blocklist")).click();
        assertThat(page.locator("h1")).containsText("Blocklist");
        var download = page.waitForDownload(() -> page.getByText("Download a sample CSV").click());
        assertThat(java.nio.file.Files.readString(download.path())).startsWith("address,note");
        Browser.screenshot(page, "csv-02-blocklist");

        page.getByLabel("CSV file", new Page.GetByLabelOptions().setExact(true)).setInputFiles(csv);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload and map columns")).click();
        assertThat(page.getByLabel("Address or @domain column")).hasValue("0");
        assertThat(page.getByLabel("Note column")).hasValue("1");
        Browser.screenshot(page, "csv-03-map-columns");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the rows")).click();

        assertThat(page.locator("#report-summary")).hasText("2 new, 2 duplicate, 1 invalid.");
        assertThat(page.locator("#report-duplicates")).containsText("repeated in this file");
        assertThat(page.locator("#report-duplicates")).containsText("already on the blocklist");
        assertThat(page.locator("#report-invalid")).containsText("not an address");
        Browser.screenshot(page, "csv-04-report");
        assertThat(http.get(list, t.admin()).list()).as("nothing saved before the admin confirms").hasSize(1);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save 2 new entries")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("2 entries were added from the file.");
        assertThat(page.locator("#entries")).containsText("Whole domain, all senders");
        Browser.screenshot(page, "csv-05-saved");
        assertThat(http.get(list, t.admin()).list()).extracting(e -> e.get("pattern"))
                .containsExactlyInAnyOrder("old@spam.example", "jane@spam.example", "@junk.example");
    }

    @Test
    void hostileTextsFromTenantsAndMailRenderAsText() {
        String nameAttack = "<script>alert('name')</script><img src=x onerror=alert('name-img')>";
        String errorAttack = "<img src=x onerror=alert('error')> failed";
        String subjectAttack = "<script>alert('subject')</script><img src=x onerror=alert('subject-img')>";
        String id = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of(
                "address", "xss@browser.example.com", "displayName", nameAttack, "connector", "imap", "direction", "BOTH",
                "enabled", false, "settings", TenantFixture.imapSettings("browser"))), 201).string("id");
        TenantId tenant = TenantId.parse(t.tenantId());
        syncStates.failed(tenant, UUID.fromString(id), errorAttack);
        IngestOutcome held = pipeline.ingest(tenant, UUID.fromString(id), new InboundMail("xss-1",
                ("Subject: " + subjectAttack + "\r\n\r\nno sender, so quarantined\r\n").getBytes(StandardCharsets.UTF_8), null));
        assertThat(held.kind()).isEqualTo(IngestOutcome.Kind.QUARANTINED);

        Page page = signedIn("xss-01-signed-in");
        var link = page.locator("a.name", new Page.LocatorOptions().setHasText(nameAttack));
        assertThat(link).hasText(nameAttack);
        Browser.screenshot(page, "xss-02-list");
        link.click();
        assertThat(page.locator("h1")).hasText(nameAttack);
        assertThat(page.locator("#last-error")).hasText(errorAttack);
        assertThat(page.locator("#quarantine .subject")).hasText(subjectAttack);
        Browser.screenshot(page, "xss-03-detail");

        assertThat(page.locator("img[src=x]").count()).as("no injected element").isZero();
        assertThat(browser.dialogs).as("no script ran").isEmpty();
    }

    @Test
    void aFormSentWithoutItsCsrfTokenIsRefused() {
        Page page = signedIn("csrf-01-signed-in");
        var row = page.locator("tr", new Page.LocatorOptions().setHasText("Support " + t.marker()));
        // Strip the token from the row's deactivate form, as a forged cross-site form would lack it.
        row.locator("form.inline input[name=_csrf]").evaluateAll("inputs => inputs.forEach(i => i.remove())");
        row.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Deactivate")).click();
        assertThat(page.locator("h1")).hasText("Form expired");
        Browser.screenshot(page, "csrf-02-refused");

        page.navigate(server.getURI() + "/admin/touchpoints");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Support " + t.marker())))
                .not().containsText("(inactive)");
    }

    private Page signedIn(String screenshot) {
        Page page = browser.newPage();
        page.navigate(server.getURI() + "/admin/touchpoints");
        assertThat(page).hasURL(Pattern.compile(".*/admin/sign-in.*"));
        page.getByLabel("Tenant").fill("browser");
        page.getByLabel("Email").fill("admin@browser.example.com");
        page.getByLabel("Password").fill(TenantFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.locator("h1")).hasText("Touchpoints");
        assertThat(page.locator("header .tenant")).hasText("Company " + t.marker());
        assertThat(page.locator("header .user")).hasText("Admin " + t.marker());
        Browser.screenshot(page, screenshot);
        return page;
    }
}
