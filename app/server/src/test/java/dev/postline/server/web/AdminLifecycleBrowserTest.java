package dev.postline.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.ConnectionStates;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailProxy;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The connection lifecycle in a real browser (headless Chromium) against a real IMAP server
 * (GreenMail behind a proxy that can end its sessions): a mailbox's password changes on the
 * server, the admin sees the touchpoint expire and an alert arrive, re-authenticates on the page
 * and sees it recover. Screenshots land in target/screenshots/lifecycle-*.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminLifecycleBrowserTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final MailProxy IMAP = new MailProxy(MAIL.imapPort());
    static final Duration SLOW = Duration.ofSeconds(90);
    static final LocatorAssertions.HasTextOptions SLOW_TEXT = new LocatorAssertions.HasTextOptions().setTimeout(90_000);

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject ConnectionStates states;

    Browser browser;
    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = MAIL.syncProperties();
        props.put("postline.sync.extra-ports", IMAP.port() + "," + MAIL.imapPort() + "," + MAIL.smtpPort());
        props.put("postline.sync.max-backoff", "500ms");
        props.put("postline.sync.reconcile-interval", "2s"); // how soon a dropped IDLE connection is noticed
        props.put("postline.lifecycle.grace-period", "3s");
        props.put("postline.lifecycle.failures-before-lost", "5");
        return props;
    }

    @BeforeAll
    void start() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "lifebrowser");
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
        IMAP.close();
        MAIL.close();
    }

    @Test
    void aChangedPasswordShowsExpiredAndAnAlertAndReauthenticatingOnThePageRecoversIt() {
        String address = "desk@lifebrowser.example.com";
        GreenMailUser box = MAIL.mailbox(address, "first-password");
        String id = connectedTouchpoint(address, "Help desk", "first-password");

        Page page = signedIn("lifecycle-01-connected");
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText("Help desk"));
        assertThat(row.locator(".badge")).hasText("Connected");
        assertThat(row.locator(".connected-since")).hasText(Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC"));

        box.setPassword("second-password");
        IMAP.cutAll(); // the server ends the sessions of the old password
        reloadUntil(page, row.locator(".badge"), "Expired");
        assertThat(row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Re-authenticate"))).isVisible();
        assertThat(page.locator("#nav-notifications .nav-count")).hasText(Pattern.compile("[1-9]\\d*"));
        Browser.screenshot(page, "lifecycle-02-expired");

        page.locator("#nav-notifications").click();
        assertThat(page.locator("h1")).hasText("Notifications");
        Locator alert = page.locator("#notifications li", new Page.LocatorOptions().setHasText("Re-authentication required: Help desk"));
        assertThat(alert).containsText("unread");
        Browser.screenshot(page, "lifecycle-03-alert");
        alert.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Touchpoint “Help desk”")).click();
        assertThat(page.locator("#status")).hasText("Expired");
        assertThat(page.locator("#touchpoint-notifications")).containsText("Re-authentication required: Help desk");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Re-authenticate")).click();
        page.getByLabel("New password").fill("not-the-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Re-authenticate")).click();
        assertThat(page.locator("#password-error")).containsText("did not accept this login", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.content()).doesNotContain("not-the-password");
        Browser.screenshot(page, "lifecycle-04-reauth-refused");
        assertThat(state(id)).as("a refused password changes nothing").isEqualTo("EXPIRED");

        page.getByLabel("New password").fill("second-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Re-authenticate")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The new password was accepted");
        assertThat(page.locator("#status")).hasText("Connected", SLOW_TEXT); // the page reloads itself while pending
        reloadUntil(page, page.locator("#touchpoint-notifications"), "Connection recovered: Help desk");
        assertThat(page.locator("#history")).containsText("re-authenticated with a new password");
        assertThat(page.locator("#history tr", new Page.LocatorOptions().setHasText("re-authenticated with a new password")))
                .containsText("Admin " + t.marker());
        assertThat(page.locator("#history")).containsText("the provider rejected the login");
        Browser.screenshot(page, "lifecycle-05-recovered-detail");

        page.locator("#nav-notifications").click();
        Locator recovered = page.locator("#notifications li", new Page.LocatorOptions().setHasText("Connection recovered: Help desk"));
        assertThat(recovered).containsText("unread");
        recovered.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark read")).click();
        assertThat(page.locator("#notifications li", new Page.LocatorOptions().setHasText("Connection recovered: Help desk"))
                .locator(".state")).hasText("read");
        Browser.screenshot(page, "lifecycle-06-notifications");

        page.navigate(server.getURI() + "/admin/touchpoints");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Help desk")).locator(".badge")).hasText("Connected");
        page.setViewportSize(390, 844);
        Browser.screenshot(page, "lifecycle-07-list-390");
        assertThat(browser.dialogs).isEmpty();
        assertThat(browser.cspViolations).as("no inline code blocked by the CSP").isEmpty();
    }

    @Test
    void hostileTextsInNotificationsAndHistoryRenderAsText() {
        String nameAttack = "<script>alert('name')</script><img src=x onerror=alert('name-img')>";
        String id = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of(
                "address", "xss@lifebrowser.example.com", "displayName", nameAttack, "connector", "imap", "direction", "BOTH",
                "enabled", false, "settings", TenantFixture.imapSettings("lifebrowser"))), 201).string("id");
        TenantFixture.expect(http.patch("/api/v1/touchpoints/" + id, t.admin(), Map.of("enabled", true)), 200);
        states.authorizationLost(TenantId.parse(t.tenantId()), UUID.fromString(id), "<img src=x onerror=alert('reason')> refused");

        Page page = signedIn("lifecycle-xss-01");
        page.navigate(server.getURI() + "/admin/notifications");
        assertThat(page.locator("#notifications .title", new Page.LocatorOptions().setHasText("Re-authentication required: <script>")))
                .hasText("Re-authentication required: " + nameAttack);
        Browser.screenshot(page, "lifecycle-xss-02-notifications");
        page.navigate(server.getURI() + "/admin/touchpoints/" + id);
        assertThat(page.locator("#history .reason").first()).hasText("the provider rejected the login: <img src=x onerror=alert('reason')> refused");
        Browser.screenshot(page, "lifecycle-xss-03-history");
        assertThat(page.locator("img[src=x]").count()).as("no injected element").isZero();
        assertThat(browser.dialogs).as("no script ran").isEmpty();
    }

    /**
     * The edit page's choice for a reply whose delivery is uncertain (#13 item 24), made with the keyboard at a
     * phone's and a laptop's width, saved with Enter, with hostile text typed into the display name: the choice
     * is stored, the name comes back as text, nothing runs, nothing overflows.
     */
    @Test
    void theUncertainDeliveryChoiceIsMadeByKeyboardAtBothWidthsAndHostileTextStaysText() {
        String id = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of(
                "address", "choice@lifebrowser.example.com", "displayName", "Choice desk", "connector", "imap", "direction", "BOTH",
                "enabled", false, "settings", TenantFixture.imapSettings("lifebrowser"))), 201).string("id");
        String edit = server.getURI() + "/admin/touchpoints/" + id + "/edit";
        String hostile = "<img src=x onerror=alert('edit')>\"'&amp; ";
        Page page = signedIn("delivery-choice-01");
        for (int width : new int[] {390, 1280}) {
            String expected = width == 390 ? "resend" : "hold";
            page.setViewportSize(width, width == 390 ? 844 : 900);
            page.navigate(edit);
            Locator name = page.getByLabel("Display name");
            Locator choice = page.getByLabel("If the server stops while a reply is being sent and cannot check whether it went out");
            name.focus();
            page.keyboard().press("Control+A");
            page.keyboard().type(hostile + width);
            choice.focus();
            page.keyboard().press(expected.equals("resend") ? "ArrowDown" : "ArrowUp");
            assertThat(choice).hasValue(expected);
            name.focus();
            page.keyboard().press("Enter"); // Enter in a field saves
            page.waitForURL(Pattern.compile(".*/admin/touchpoints/" + id + "(\\?.*)?$"));

            page.navigate(edit);
            assertThat(choice).hasValue(expected);
            assertThat(page.locator("h1 span").first()).hasText(hostile + width);
            assertThat(String.valueOf(http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("settings"))).contains("uncertainDelivery=" + expected);
            assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .as("no horizontal scrolling at " + width + " px").isTrue();
            Browser.screenshot(page, "delivery-choice-" + width);
        }
        assertThat(page.locator("img[src=x]").count()).as("no injected element").isZero();
        assertThat(browser.dialogs).as("no script ran").isEmpty();
    }

    /** The page changes in the background (the sync loop): reloads until {@code target} reads {@code text}. */
    private static void reloadUntil(Page page, Locator target, String text) {
        Eventually.await(text, SLOW, () -> {
            page.reload();
            boolean shown = target.count() > 0 && target.first().textContent().contains(text);
            if (!shown) {
                page.waitForTimeout(500); // pacing between reloads, not an assertion
            }
            return shown;
        });
    }

    private String connectedTouchpoint(String address, String name, String password) {
        Map<String, String> settings = MAIL.touchpointSettings(address);
        settings.put("imapPort", Integer.toString(IMAP.port()));
        String id = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", name,
                "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(t.ringGroupId()), "settings", settings)), 201).string("id");
        TenantFixture.expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", password)), 204);
        Eventually.await(name + " CONNECTED", SLOW, () -> "CONNECTED".equals(state(id)));
        return id;
    }

    private String state(String id) {
        return http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState");
    }

    private Page signedIn(String screenshot) {
        Page page = browser.newPage();
        page.navigate(server.getURI() + "/admin/touchpoints");
        assertThat(page).hasURL(Pattern.compile(".*/admin/sign-in.*"));
        page.getByLabel("Tenant").fill("lifebrowser");
        page.getByLabel("Email").fill("admin@lifebrowser.example.com");
        page.getByLabel("Password").fill(TenantFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.locator("h1")).hasText("Touchpoints");
        Browser.screenshot(page, screenshot);
        return page;
    }
}
