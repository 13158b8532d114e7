package dev.postline.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.notification.NotificationKind;
import dev.postline.core.notification.Notifications;
import dev.postline.core.sync.SyncStates;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.ConnectionStates;
import dev.postline.server.support.ConversationFixture;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every admin page at a phone's width (390 px) and a laptop's (1280 px), in one browser with one
 * sign-in: no horizontal page overflow, and the navigation, the tenant's name and the signed-in
 * user visible. The tenant is filled with what makes pages wide — long addresses and names, an
 * unbroken error text, history, quarantine, notifications, blocklist rows. Overflows of all pages
 * are collected (with the elements sticking out) and reported together. Screenshots:
 * target/screenshots/responsive-{width}-{page}.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminResponsiveBrowserTest implements PostlineTestProperties {

    static final String SLUG = "responsive";
    static final String LONG_ADDRESS = "customer.service.and.billing.enquiries.department@"
            + "mail.a-rather-long-subsidiary-name.example-company.example.com";

    /** The elements sticking out past the right edge, skipping those inside a container that scrolls or clips them. */
    static final String OFFENDERS = """
            () => {
              const limit = window.innerWidth + 1;
              const out = [];
              for (const el of document.querySelectorAll('body *')) {
                const r = el.getBoundingClientRect();
                // The box itself, or text running out of it (a long word in a box of the right width).
                const right = Math.max(r.right, r.left + (getComputedStyle(el).overflowX === 'visible' ? el.scrollWidth : 0));
                if (r.width === 0 || right <= limit) continue;
                let p = el.parentElement, contained = false;
                while (p && p !== document.body) {
                  const s = getComputedStyle(p);
                  if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && p.getBoundingClientRect().right <= limit) {
                    contained = true;
                    break;
                  }
                  p = p.parentElement;
                }
                if (contained) continue;
                const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + ' (right edge ' + Math.round(right) + ' px)');
              }
              return out.slice(0, 6);
            }
            """;

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;
    @Inject Notifications notifications;
    @Inject SyncStates syncStates;
    @Inject ConnectionStates states;

    Browser browser;
    Http http;
    TenantFixture t;
    String wide;
    String lost;
    String responseId;
    Path csv;

    @BeforeAll
    void tenantWithWideContent() throws Exception {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, SLUG);
        TenantId tenant = TenantId.parse(t.tenantId());
        wide = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", LONG_ADDRESS,
                "displayName", "Customer service and billing enquiries of the subsidiary " + t.marker(), "connector", "imap",
                "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()), "settings", Map.of("preset", "custom",
                        "imapHost", "imap.a-rather-long-subsidiary-name.example-company.example.com", "imapTls", "implicit",
                        "smtpHost", "smtp.a-rather-long-subsidiary-name.example-company.example.com", "smtpTls", "implicit",
                        "username", LONG_ADDRESS))), 201).string("id");
        TenantFixture.expect(http.put("/api/v1/touchpoints/" + wide + "/credential", t.admin(), Map.of("password", "wide-password-1")), 204);
        syncStates.failed(tenant, UUID.fromString(wide), "AUTHENTICATIONFAILED:" + "Invalid-credentials-or-the-app-password-was-revoked-".repeat(4));
        states.authorizationLost(tenant, UUID.fromString(wide), "AUTHENTICATIONFAILED:" + "NoSpacesInThisProviderMessage".repeat(6));
        notifications.raise(tenant, UUID.fromString(wide), NotificationKind.REAUTH_NEEDED, "responsive-1",
                "Re-authenticate " + LONG_ADDRESS, "The provider rejected the login for " + LONG_ADDRESS + ": "
                        + "NoSpacesInThisProviderMessage".repeat(6));

        lost = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "lost@" + SLUG + ".example.com",
                "displayName", "Lost connection " + t.marker(), "connector", "imap", "direction", "INBOUND",
                "settings", TenantFixture.imapSettings(SLUG))), 201).string("id");
        for (int i = 0; i < 50 && !"CONNECTION_LOST".equals(http.get("/api/v1/touchpoints/" + lost, t.admin()).string("connectionState")); i++) {
            states.syncFailed(tenant, UUID.fromString(lost), "connect timed out after 30 seconds (imap." + SLUG + ".example.com:993)");
        }

        ConversationFixture.create(http, pipeline, t); // a quarantined message and a blocklist entry on the fixture's touchpoint
        TenantFixture.expect(http.post("/api/v1/touchpoints/" + t.touchpointId() + "/blocklist", t.admin(), Map.of(
                "pattern", "@a-very-long-subdomain-of-a-bulk-sender-that-sends-offers-daily.example.com",
                "note", "Blocked after repeated complaints: " + "unsubscribe-link-did-not-work-".repeat(4))), 201);
        responseId = TenantFixture.expect(http.post("/api/v1/standard-responses", t.admin(), Map.of(
                "name", "Refund confirmation with the bank transfer details and the expected processing time",
                "text", "Hello {{customer.name}}, your refund is on its way: " + "https://pay.example.com/refunds/".repeat(3),
                "touchpointId", wide)), 201).string("id");
        TenantFixture.expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Resolved after a callback by the team lead")), 201);
        csv = Files.createTempFile("responsive", ".csv");
        Files.writeString(csv, "address,note\r\nnew@spam.example,Daily offers\r\n" + LONG_ADDRESS + ",Our own\r\nnot an address,Broken\r\n");
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
    void everyAdminPageFitsA390PxPhoneAndA1280PxScreen_withTheNavigationTenantAndUserVisible() {
        Page page = browser.newPage();
        List<String> overflows = new ArrayList<>();
        page.setViewportSize(390, 844);
        page.navigate(server.getURI() + "/admin/sign-in");
        check(page, 390, "00-sign-in", false, overflows);
        signIn(page);

        for (int width : new int[] {390, 1280}) {
            page.setViewportSize(width, width == 390 ? 844 : 900);
            for (var visit : pages().entrySet()) {
                visit.getValue().accept(page);
                check(page, width, visit.getKey(), true, overflows);
            }
        }
        assertThat(overflows).as("pages wider than the window").isEmpty();
        assertThat(browser.dialogs).isEmpty();
        assertThat(browser.cspViolations).as("no inline code blocked by the CSP").isEmpty();
    }

    /** Every admin page, in the order an admin meets them; multi-step pages (wizard, CSV import) are walked through. */
    private Map<String, Consumer<Page>> pages() {
        String tp = "/admin/touchpoints/" + wide;
        Map<String, Consumer<Page>> pages = new LinkedHashMap<>();
        pages.put("01-touchpoints", go("/admin/touchpoints"));
        pages.put("02-touchpoint-detail", go(tp));
        pages.put("03-touchpoint-detail-connection-lost", go("/admin/touchpoints/" + lost));
        pages.put("04-reauthenticate", go(tp + "/reauthenticate"));
        pages.put("05-edit", go(tp + "/edit"));
        pages.put("06-duplicate", go(tp + "/duplicate"));
        pages.put("07-wizard-provider", go("/admin/touchpoints/new"));
        pages.put("08-wizard-connection", page -> {
            go("/admin/touchpoints/new").accept(page);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("IMAP/SMTP · Other server")).click();
            assertThat(page.getByLabel("Email address")).isVisible();
        });
        pages.put("09-wizard-settings", page -> {
            page.getByLabel("Email address").fill(LONG_ADDRESS.replace("customer", "wizard"));
            page.getByLabel("IMAP server", new Page.GetByLabelOptions().setExact(true)).fill("imap.example-company.example.com");
            page.getByLabel("SMTP server", new Page.GetByLabelOptions().setExact(true)).fill("smtp.example-company.example.com");
            page.getByLabel("User name").fill(LONG_ADDRESS.replace("customer", "wizard"));
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("wizard-password-1");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next: settings")).click();
            assertThat(page.getByLabel("Display name")).isVisible();
        });
        pages.put("10-wizard-summary", page -> {
            page.getByLabel("Display name").fill("Wizard inbox with a long display name for the billing team");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next: summary")).click();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create touchpoint"))).isVisible();
        });
        pages.put("11-blocklist", go("/admin/touchpoints/" + t.touchpointId() + "/blocklist"));
        pages.put("12-blocklist-import-columns", page -> {
            page.getByLabel("CSV file", new Page.GetByLabelOptions().setExact(true)).setInputFiles(csv);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload and map columns")).click();
            assertThat(page.getByLabel("Address or @domain column")).isVisible();
        });
        pages.put("13-blocklist-import-report", page -> {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the rows")).click();
            assertThat(page.locator("#report-summary")).isVisible();
        });
        pages.put("14-notifications", go("/admin/notifications"));
        pages.put("15-signature", go(tp + "/signature"));
        pages.put("16-template", go(tp + "/template"));
        pages.put("17-auto-reply", go(tp + "/auto-reply"));
        pages.put("18-contact-card", go(tp + "/contact-card"));
        pages.put("19-standard-responses", go("/admin/standard-responses"));
        pages.put("20-standard-response", go("/admin/standard-responses/" + responseId));
        pages.put("21-ring-groups", go("/admin/ring-groups"));
        pages.put("22-ring-group", go("/admin/ring-groups/" + t.ringGroupId()));
        pages.put("23-users", go("/admin/users"));
        pages.put("24-user", go("/admin/users/" + t.agentId()));
        pages.put("25-dispositions", go("/admin/dispositions"));
        pages.put("26-touchpoint-dispositions", go(tp + "/dispositions"));
        pages.put("27-preview-permissions", go(tp + "/preview"));
        return pages;
    }

    private Consumer<Page> go(String path) {
        return page -> {
            var response = page.navigate(server.getURI() + path);
            assertThat(response.status()).as(path).isEqualTo(200);
        };
    }

    private void check(Page page, int width, String name, boolean signedIn, List<String> overflows) {
        Browser.screenshot(page, "responsive-" + width + "-" + name);
        Number scrollWidth = (Number) page.evaluate("() => document.scrollingElement.scrollWidth");
        Number innerWidth = (Number) page.evaluate("() => window.innerWidth");
        if (scrollWidth.intValue() > innerWidth.intValue()) {
            overflows.add(width + " px " + name + ": page " + scrollWidth + " px wide; " + page.evaluate(OFFENDERS));
        }
        if (signedIn) {
            assertThat(page.locator("header nav")).isVisible();
            assertThat(page.locator("header nav").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Touchpoints").setExact(true))).isInViewport();
            assertThat(page.locator("header .tenant")).hasText("Company " + t.marker());
            assertThat(page.locator("header .tenant")).isInViewport();
            assertThat(page.locator("header .user")).hasText("Admin " + t.marker());
            assertThat(page.locator("header .user")).isInViewport();
        }
    }

    private void signIn(Page page) {
        page.getByLabel("Tenant").fill(SLUG);
        page.getByLabel("Email").fill("admin@" + SLUG + ".example.com");
        page.getByLabel("Password").fill(TenantFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(Pattern.compile(".*/admin/touchpoints.*"));
    }
}
