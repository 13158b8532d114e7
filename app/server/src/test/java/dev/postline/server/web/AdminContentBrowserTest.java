package dev.postline.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.postline.server.support.Http;
import dev.postline.server.support.MultipartUpload;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The content editors in a real browser (headless Chromium): a signature with an uploaded inline
 * image, a variable and a click-to-call link, saved active and previewed; an image over 50 KB and
 * an unknown variable refused next to their fields with nothing saved; hostile HTML that never
 * runs in the editor or the preview; and every content page rendered. Screenshots in
 * target/screenshots/content-*.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminContentBrowserTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Browser browser;
    Http http;
    TenantFixture t;

    @BeforeAll
    void start() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "content");
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
    void anAdminEditsASignatureWithAnInlineImageAndAPhoneLinkAndSeesThemInThePreview() throws IOException {
        TenantFixture.expect(http.put("/api/v1/touchpoints/" + t.touchpointId() + "/signature", t.admin(),
                Map.of("html", "", "active", false)), 200);
        Page page = signedIn();
        page.navigate(server.getURI() + "/admin/touchpoints/" + t.touchpointId());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Signature")).click();
        assertThat(page.locator("h1")).containsText("Signature");
        Browser.screenshot(page, "content-01-signature-empty");

        var editor = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Signature"));
        editor.click();
        page.keyboard().type("Kind regards, ");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("{{agent.name}}")).click();
        page.keyboard().type(" · call us: ");
        page.getByLabel("Link or phone number").fill("+1 555 0100");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Phone link")).click();
        assertThat(editor.locator("a[href='tel:+15550100']")).hasText("+1 555 0100");

        page.getByLabel("Image file").setInputFiles(new FilePayload("logo.png", "image/png", smallPng()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload image")).click();
        assertThat(page.locator("#notice")).containsText("The image was uploaded");
        assertThat(editor).containsText("Kind regards, {{agent.name}} · call us: +1 555 0100");
        assertThat(editor.locator("img")).hasCount(1);
        assertThat(editor.locator("img")).hasAttribute("src", Pattern.compile("/admin/touchpoints/.+/signature/images/.+"));
        Browser.screenshot(page, "content-02-signature-uploaded");

        page.getByLabel("Active: add this signature to outgoing mail").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#notice")).hasText("The signature was saved.");

        var preview = page.frameLocator("#preview");
        assertThat(preview.locator("img")).hasAttribute("src", Pattern.compile("data:image/png;base64,.+"));
        assertThat(preview.locator("a[href='tel:+15550100']")).hasText("+1 555 0100");
        assertThat(preview.locator("body")).containsText("Kind regards, Admin " + t.marker());
        Browser.screenshot(page, "content-03-signature-saved-preview");

        var saved = http.get("/api/v1/touchpoints/" + t.touchpointId() + "/signature", t.admin());
        assertThat(saved.map().get("active")).isEqualTo(true);
        // The sanitiser writes + as &#43;.
        assertThat(saved.string("html")).contains("src=\"cid:img-").contains("href=\"tel:&#43;15550100\"").contains("{{agent.name}}");
        assertThat(browser.dialogs).isEmpty();
    }

    @Test
    void anImageOver50KbIsRefusedNextToTheField() {
        int before = http.get("/api/v1/touchpoints/" + t.touchpointId() + "/signature/images", t.admin()).list().size();
        Page page = signedIn();
        page.navigate(server.getURI() + "/admin/touchpoints/" + t.touchpointId() + "/signature");
        page.getByLabel("Image file").setInputFiles(new FilePayload("big.png", "image/png", MultipartUpload.png(60 * 1024)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload image")).click();
        assertThat(page.locator("#file-error")).containsText("is 60 KB; a signature image may be at most 50 KB");
        assertThat(page.getByLabel("Image file")).hasAttribute("aria-invalid", "true");
        Browser.screenshot(page, "content-04-signature-image-too-large");
        assertThat(http.get("/api/v1/touchpoints/" + t.touchpointId() + "/signature/images", t.admin()).list()).hasSize(before);
    }

    @Test
    void anUnknownVariableIsRefusedAndNothingIsSaved() {
        String before = http.get("/api/v1/touchpoints/" + t.touchpointId() + "/signature", t.admin()).body();
        Page page = signedIn();
        page.navigate(server.getURI() + "/admin/touchpoints/" + t.touchpointId() + "/signature");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Signature")).click();
        page.keyboard().press("End");
        page.keyboard().type(" Size {{customer.shoe}}");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#html-error")).containsText("unknown variable {{customer.shoe}}");
        assertThat(page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Signature"))).containsText("{{customer.shoe}}");
        Browser.screenshot(page, "content-05-signature-unknown-variable");
        assertThat(http.get("/api/v1/touchpoints/" + t.touchpointId() + "/signature", t.admin()).body()).isEqualTo(before);
    }

    @Test
    void hostileSignatureHtmlNeverRunsInTheEditorOrThePreview() {
        String attack = "<p>Hi</p><img src=x onerror=\"alert('editor')\"><script>alert('script')</script>"
                + "<a href=\"javascript:alert('link')\">x</a>";
        Page page = signedIn();
        page.navigate(server.getURI() + "/admin/touchpoints/" + t.touchpointId() + "/signature");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit HTML")).click();
        // Rejected (unknown variable): the raw draft comes back into the editor.
        page.locator("textarea#html").fill(attack + "{{customer.shoe}}");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#html-error")).containsText("unknown variable");
        var editor = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Signature"));
        assertThat(editor).containsText("Hi");
        assertThat(page.locator("[onerror], script:not([src])")).hasCount(0);
        Browser.screenshot(page, "content-06-xss-editor");

        // Previewed: sanitised by the server, shown in a sandboxed frame without script.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit HTML")).click();
        page.locator("textarea#html").fill(attack);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
        var preview = page.frameLocator("#preview");
        assertThat(preview.locator("body")).containsText("Hi");
        assertThat(preview.locator("[onerror], script, a[href^=javascript]")).hasCount(0);
        Browser.screenshot(page, "content-07-xss-preview");

        // Saved through the API (sanitised there) and loaded into the editor again.
        TenantFixture.expect(http.put("/api/v1/touchpoints/" + t.touchpointId() + "/signature", t.admin(),
                Map.of("html", attack)), 200);
        page.navigate(server.getURI() + "/admin/touchpoints/" + t.touchpointId() + "/signature");
        assertThat(editor).containsText("Hi");
        assertThat(page.locator("[onerror]")).hasCount(0);
        // Chromium reports the blocked handler while parsing the draft into the editor's inert template;
        // the report is the policy working, the handler itself never runs.
        assertThat(browser.dialogs).as("no script ran").isEmpty();
    }

    @Test
    void theOtherContentPagesRenderAndSave() {
        browser.cspViolations.clear(); // other tests of this class send hostile HTML on purpose
        Page page = signedIn();
        page.navigate(server.getURI() + "/admin/touchpoints/" + t.touchpointId() + "/template");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Header")).click();
        page.keyboard().type("Header of {{touchpoint.name}}");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#notice")).hasText("The template was saved.");
        assertThat(page.frameLocator("#preview").locator("body")).containsText("Header of Support " + t.marker());
        Browser.screenshot(page, "content-08-template");

        page.navigate(server.getURI() + "/admin/touchpoints/" + t.touchpointId() + "/auto-reply");
        page.getByLabel("Subject").fill("We got your message");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message")).click();
        page.keyboard().type("Thanks, we reply within a day.");
        page.getByLabel("At most once per sender in this many hours:").check();
        page.getByLabel("Hours", new Page.GetByLabelOptions().setExact(true)).fill("6");
        page.getByLabel("Active: send this auto-reply").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#notice")).hasText("The auto-reply was saved.");
        assertThat(page.frameLocator("#preview").locator("body")).containsText("Thanks, we reply within a day.");
        Browser.screenshot(page, "content-09-auto-reply");
        var autoReply = http.get("/api/v1/touchpoints/" + t.touchpointId() + "/auto-reply", t.admin());
        assertThat(autoReply.map()).containsEntry("active", true).containsEntry("perSenderHours", 6);

        page.navigate(server.getURI() + "/admin/touchpoints/" + t.touchpointId() + "/contact-card");
        page.getByLabel("Phone").fill("not a phone");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#phone-error")).containsText("digits");
        page.getByLabel("Phone").fill("+1 555 0100");
        page.getByLabel("Attach the contact card").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#notice")).hasText("The contact card was saved.");
        Browser.screenshot(page, "content-10-contact-card");
        assertThat(browser.cspViolations).as("the pages need nothing the policy forbids").isEmpty();
    }

    @Test
    void anImageUploadWithoutItsCsrfTokenIsRefused() {
        int before = http.get("/api/v1/touchpoints/" + t.touchpointId() + "/signature/images", t.admin()).list().size();
        Page page = signedIn();
        page.navigate(server.getURI() + "/admin/touchpoints/" + t.touchpointId() + "/signature");
        page.locator("#upload-form input[name=_csrf]").evaluate("input => input.remove()");
        page.getByLabel("Image file").setInputFiles(new FilePayload("forged.png", "image/png", MultipartUpload.png(200)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload image")).click();
        assertThat(page.locator("h1")).hasText("Form expired");
        assertThat(http.get("/api/v1/touchpoints/" + t.touchpointId() + "/signature/images", t.admin()).list()).hasSize(before);
    }

    @Test
    void anAdminManagesStandardResponsesRingGroupsAndUsers() {
        browser.cspViolations.clear(); // other tests of this class send hostile HTML on purpose
        Page page = signedIn();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Standard responses")).click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Shoe size");
        page.getByLabel("Text", new Page.GetByLabelOptions().setExact(true)).fill("Your size is {{customer.shoe}}");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create")).click();
        assertThat(page.locator("#text-error")).containsText("unknown variable {{customer.shoe}}");
        page.getByLabel("Text", new Page.GetByLabelOptions().setExact(true)).fill("Hello {{customer.name}}, thanks!");
        page.getByLabel("For", new Page.GetByLabelOptions().setExact(true)).selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Support " + t.marker()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create")).click();
        assertThat(page.locator("#notice")).hasText("The standard response was created.");
        assertThat(page.locator("#responses tr", new Page.LocatorOptions().setHasText("Shoe size"))).containsText("Support " + t.marker());
        Browser.screenshot(page, "content-11-standard-responses");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Shoe size")).click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Greeting");
        Browser.screenshot(page, "content-12-standard-response-edit");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#responses")).containsText("Greeting");
        page.waitForLoadState();
        page.locator("#responses tr", new Page.LocatorOptions().setHasText("Greeting"))
                .getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Delete")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete response")).click();
        assertThat(page.locator("#notice")).hasText("The standard response was deleted.");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users")).click();
        page.getByLabel("Email").fill("new.agent@content.example.com");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("New Agent " + t.marker());
        page.getByLabel("First password").fill("new-agent-password-1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create")).click();
        assertThat(page.locator("#notice")).hasText("The user was created.");
        page.getByLabel("Queue " + t.marker()).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#notice")).hasText("The user was saved.");
        Browser.screenshot(page, "content-13-user");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users").setExact(true)).click();
        assertThat(page.locator("#users tr", new Page.LocatorOptions().setHasText("New Agent " + t.marker())))
                .containsText("Queue " + t.marker());
        Browser.screenshot(page, "content-14-users");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ring groups")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Queue " + t.marker())).click();
        assertThat(page.locator("#members")).containsText("New Agent " + t.marker());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove New Agent " + t.marker())).click();
        assertThat(page.locator("#notice")).hasText("The member was removed.");
        page.getByLabel("Add a member").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("New Agent " + t.marker() + " (new.agent@content.example.com)"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add member")).click();
        assertThat(page.locator("#members")).containsText("New Agent " + t.marker());
        // Linked to a touchpoint: deleting is refused with the reason.
        page.waitForLoadState(); // the dialog opens by admin.js, which runs once the page has loaded
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete ring group")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete").setExact(true)).click();
        assertThat(page.locator("#problem")).containsText("linked to a touchpoint");
        Browser.screenshot(page, "content-15-ring-group");
        assertThat(browser.cspViolations).isEmpty();
    }

    private Page signedIn() {
        Page page = browser.newPage();
        page.navigate(server.getURI() + "/admin/sign-in");
        page.getByLabel("Tenant").fill("content");
        page.getByLabel("Email").fill("admin@content.example.com");
        page.getByLabel("Password").fill(TenantFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.locator("h1")).hasText("Touchpoints");
        return page;
    }

    /** A real 8×8 PNG (a few hundred bytes), so the preview can actually show it. */
    private static byte[] smallPng() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                image.setRGB(x, y, 0x1f5fbf);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
