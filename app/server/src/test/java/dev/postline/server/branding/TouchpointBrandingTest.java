package dev.postline.server.branding;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.branding.Decoration;
import dev.postline.core.branding.MessageVariables;
import dev.postline.core.branding.TouchpointBranding;
import dev.postline.core.branding.TouchpointBranding.Purpose;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.mail.OutboundPart;
import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.MultipartUpload;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a touchpoint adds to outbound mail, configured through the admin API and read back the way
 * outbound rendering reads it ({@link TouchpointBranding#decorate}): signature with inline images,
 * template with preview, contact card.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TouchpointBrandingTest implements PostlineTestProperties {

    static final UUID CONVERSATION = UUID.fromString("11111111-2222-4333-8444-555555555555");

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject TouchpointBranding branding;
    @Inject TenantTransactions tx;

    Http http;
    MultipartUpload upload;
    TenantFixture t;
    Auth supervisor;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        upload = new MultipartUpload(server.getURI(), json);
        t = TenantFixture.create(http, "brand");
        expect(http.post("/api/v1/users", t.admin(), Map.of("email", "sup@brand.example.com", "displayName", "Sue Supervisor",
                "role", "SUPERVISOR", "password", TenantFixture.PASSWORD)), 201);
        supervisor = Auth.bearer(http.login("brand", "sup@brand.example.com", TenantFixture.PASSWORD));
    }

    /** A fresh touchpoint per test, so tests do not see each other's settings. */
    private String touchpoint(String name) {
        return expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", name.replaceAll("\\W", "").toLowerCase()
                        + "@brand.example.com", "displayName", name, "connector", "imap", "direction", "BOTH",
                "settings", TenantFixture.imapSettings("brand"))), 201).string("id");
    }

    private Decoration decorate(String touchpointId, Purpose purpose, String customerName) {
        TenantId tenant = TenantId.parse(t.tenantId());
        MessageVariables variables = new MessageVariables(CONVERSATION, 77L, "Order 5", customerName, "jane@example.com",
                "Sam Agent", "sam@brand.example.com", "Brand desk", "desk@brand.example.com");
        return tx.read(tenant, () -> branding.decorate(tenant, UUID.fromString(touchpointId), variables, purpose));
    }

    private Http.Response uploadImage(String touchpointId, String fileName, String contentType, byte[] content) {
        return upload.post("/api/v1/touchpoints/" + touchpointId + "/signature/images", t.admin(), "file", fileName, contentType, content);
    }

    @Test
    void aSignatureSavedInactiveIsNotAppliedUntilActivated() {
        String tp = touchpoint("Inactive first");
        var saved = expect(http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of(
                "html", "<p>Regards, {{agent.name}}<br><a href=\"tel:+15550100\">Call us</a></p>", "active", false)), 200).map();
        assertThat(saved).containsEntry("active", false).containsEntry("text", "Regards, {{agent.name}}\nCall us <tel:+15550100>");
        assertThat(decorate(tp, Purpose.REPLY, "Jane").signatureHtml()).isEmpty();
        assertThat(decorate(tp, Purpose.REPLY, "Jane").signatureText()).isEmpty();

        expect(http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of("active", true)), 200);
        Decoration active = decorate(tp, Purpose.REPLY, "Jane");
        assertThat(active.signatureHtml()).isEqualTo("<p>Regards, Sam Agent<br /><a href=\"tel:&#43;15550100\">Call us</a></p>");
        assertThat(active.signatureText()).isEqualTo("Regards, Sam Agent\nCall us <tel:+15550100>");
        assertThat(decorate(tp, Purpose.FORWARD, "Jane").signatureHtml()).isNotEmpty();
        assertThat(decorate(tp, Purpose.AUTO_REPLY, "Jane").signatureHtml()).as("auto-replies carry no agent signature").isEmpty();
    }

    @Test
    void scriptsAndHandlersInASignatureAreSanitisedAway() {
        String tp = touchpoint("Hostile signature");
        String html = expect(http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of("active", true,
                "html", "<p onmouseover=\"alert(1)\">Sam<script>alert(2)</script><img src=x onerror=alert(3)>"
                        + "<a href=\"javascript:alert(4)\">x</a><a href=\"mailto:help@brand.example.com\">mail</a>"
                        + "<iframe src=\"https://evil.example\"></iframe><style>p{}</style></p>")), 200).string("html");
        assertThat(html).isEqualTo("<p>Samx<a href=\"mailto:help&#64;brand.example.com\">mail</a></p>");
        assertThat(http.get("/api/v1/touchpoints/" + tp + "/signature", supervisor).string("html")).isEqualTo(html);
    }

    @Test
    void anUnknownVariableIsRefusedAndNothingIsSaved() {
        String tp = touchpoint("Unknown variable");
        expect(http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of("html", "<p>Old</p>", "active", true)), 200);
        var refused = http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of("html", "<p>{{agent.phone}}</p>"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.map().get("errors").toString()).contains("field=html").contains("unknown variable {{agent.phone}}");
        assertThat(http.get("/api/v1/touchpoints/" + tp + "/signature", t.admin()).string("html")).isEqualTo("<p>Old</p>");

        var template = http.put("/api/v1/touchpoints/" + tp + "/template", t.admin(), Map.of("headerHtml", "<p>ok</p>",
                "footerHtml", "{{ footer.text }}"));
        assertThat(template.status()).isEqualTo(400);
        assertThat(template.body()).contains("footerHtml").contains("{{footer.text}}");
        assertThat(http.get("/api/v1/touchpoints/" + tp + "/template", t.admin()).string("headerHtml")).isEmpty();
    }

    @Test
    void imagesAreCheckedBySizeAndByTheirBytes() {
        String tp = touchpoint("Image checks");
        var tooLarge = uploadImage(tp, "big.png", "image/png", MultipartUpload.png(60 * 1024));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.string("detail")).isEqualTo("file: is 60 KB; a signature image may be at most 50 KB");
        var mislabelled = uploadImage(tp, "logo.png", "image/png", MultipartUpload.gif(200));
        assertThat(mislabelled.status()).isEqualTo(400);
        assertThat(mislabelled.string("detail")).contains("is a GIF image but was sent as image/png");
        var notAnImage = uploadImage(tp, "x.png", "image/png", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));
        assertThat(notAnImage.status()).isEqualTo(400);
        assertThat(http.get("/api/v1/touchpoints/" + tp + "/signature/images", t.admin()).list()).isEmpty();

        var atLimit = expect(uploadImage(tp, "../../etc/logo.gif", "image/gif", MultipartUpload.gif(50 * 1024)), 201).map();
        assertThat(atLimit).containsEntry("contentType", "image/gif").containsEntry("fileName", "logo.gif").containsEntry("size", 51200);
        assertThat(atLimit.get("src").toString()).isEqualTo("cid:" + atLimit.get("contentId"));
        assertThat(upload.post("/api/v1/touchpoints/" + tp + "/signature/images", supervisor, "file", "s.png", "image/png",
                MultipartUpload.png(100)).status()).isEqualTo(403);
    }

    @Test
    void signatureImagesTravelAsInlinePartsAndUnknownCidsAreRefused() {
        String tp = touchpoint("Inline images");
        byte[] png = MultipartUpload.png(300);
        var image = expect(uploadImage(tp, "logo.png", "image/png", png), 201).map();
        String cid = image.get("contentId").toString();
        var unknown = http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of("html",
                "<p><img src=\"cid:nothing@postline\"></p>", "active", true));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("cid:nothing@postline");

        expect(http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of("html",
                "<p><img src=\"cid:" + cid + "\" alt=\"Brand\"> {{agent.name}}</p>", "active", true)), 200);
        Decoration d = decorate(tp, Purpose.REPLY, "Jane");
        assertThat(d.inlineImages()).singleElement().satisfies(part -> {
            assertThat(part.contentId()).contains(cid);
            assertThat(part.contentType()).isEqualTo("image/png");
            assertThat(part.content()).isEqualTo(png);
        });
        assertThat(decorate(tp, Purpose.AUTO_REPLY, "Jane").inlineImages()).as("no signature, no signature image").isEmpty();

        assertThat(http.delete("/api/v1/touchpoints/" + tp + "/signature/images/" + image.get("id"), t.admin()).status())
                .as("an image the signature shows").isEqualTo(409);
        expect(http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of("html", "<p>No logo</p>")), 200);
        expect(http.delete("/api/v1/touchpoints/" + tp + "/signature/images/" + image.get("id"), t.admin()), 204);
        assertThat(http.get("/api/v1/touchpoints/" + tp + "/signature/images", t.admin()).list()).isEmpty();
    }

    @Test
    void thePreviewShowsHeaderSignatureAndFooterWithEscapedValues() {
        String tp = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "shop@brand.example.com",
                "displayName", "Shop <Help> & Co", "connector", "imap", "direction", "BOTH",
                "settings", TenantFixture.imapSettings("brand"))), 201).string("id");
        byte[] png = MultipartUpload.png(64);
        String cid = expect(uploadImage(tp, "logo.png", "image/png", png), 201).string("contentId");
        expect(http.put("/api/v1/touchpoints/" + tp + "/template", t.admin(), Map.of(
                "headerHtml", "<div><img src=\"cid:" + cid + "\"> HEADER of {{touchpoint.name}}</div>",
                "footerHtml", "<p>FOOTER for ticket {{ticket.number}}</p>")), 200);
        expect(http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of(
                "html", "<p>SIGNATURE {{agent.name}}</p>", "active", true)), 200);

        String preview = expect(http.post("/api/v1/touchpoints/" + tp + "/template/preview", t.admin(),
                Map.of("text", "Hello {{customer.name}},\nsample <b>body</b>")), 200).string("html");
        assertThat(preview).isEqualTo("<div><img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
                        .replace("=", "&#61;").replace("+", "&#43;") + "\" /> HEADER of Shop &lt;Help&gt; &amp; Co</div>"
                + "<div>Hello Jane Doe,<br />sample &lt;b&gt;body&lt;/b&gt;</div>"
                + "<div><p>SIGNATURE Admin " + t.marker() + "</p></div>"
                + "<p>FOOTER for ticket 1234</p>");

        expect(http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of("active", false)), 200);
        String withoutSignature = expect(http.post("/api/v1/touchpoints/" + tp + "/template/preview", t.admin(), null), 200)
                .string("html");
        assertThat(withoutSignature).contains("HEADER", "FOOTER", "Hello Jane Doe").doesNotContain("SIGNATURE");
        assertThat(http.post("/api/v1/touchpoints/" + tp + "/template/preview", t.admin(), Map.of("html", "{{x.y}}")).status())
                .isEqualTo(400);
        assertThat(http.post("/api/v1/touchpoints/" + tp + "/template/preview", supervisor, null).status()).isEqualTo(403);
    }

    @Test
    void theTemplateIsRenderedWithEscapedVariablesForEveryPurpose() {
        String tp = touchpoint("Template render");
        expect(http.put("/api/v1/touchpoints/" + tp + "/template", t.admin(), Map.of("headerHtml", "<p>Dear {{customer.name}}</p>",
                "footerHtml", "<p>Ref {{conversation.id}}</p>")), 200);
        Decoration d = decorate(tp, Purpose.AUTO_REPLY, "<b>Mallory</b> & Co");
        assertThat(d.headerHtml()).isEqualTo("<p>Dear &lt;b&gt;Mallory&lt;/b&gt; &amp; Co</p>");
        assertThat(d.footerHtml()).isEqualTo("<p>Ref " + CONVERSATION + "</p>");
        assertThat(d.contactCard()).isEmpty();
    }

    @Test
    void theContactCardGoesOnlyWithTheFirstMessageWhenEnabled() {
        String tp = touchpoint("Card desk");
        assertThat(expect(http.get("/api/v1/touchpoints/" + tp + "/contact-card", t.admin()), 200).map()).containsEntry("enabled", false);
        var saved = expect(http.put("/api/v1/touchpoints/" + tp + "/contact-card", t.admin(), Map.of("enabled", true,
                "fullName", "Brand Support", "organization", "Brand, Inc.", "email", "help@brand.example.com",
                "phone", "+1 555 0100", "url", "https://brand.example.com/help")), 200).map();
        assertThat(saved).containsEntry("organization", "Brand, Inc.");

        OutboundPart card = decorate(tp, Purpose.FIRST_MESSAGE, "Jane").contactCard().orElseThrow();
        assertThat(card.contentType()).isEqualTo("text/vcard");
        assertThat(card.fileName()).isEqualTo("Brand Support.vcf");
        assertThat(card.contentId()).isEmpty();
        assertThat(new String(card.content(), StandardCharsets.UTF_8)).isEqualTo("BEGIN:VCARD\r\nVERSION:4.0\r\n"
                + "FN:Brand Support\r\nORG:Brand\\, Inc.\r\nEMAIL;TYPE=work:help@brand.example.com\r\n"
                + "TEL;VALUE=uri;TYPE=work:tel:+1-555-0100\r\nURL:https://brand.example.com/help\r\nEND:VCARD\r\n");
        assertThat(decorate(tp, Purpose.REPLY, "Jane").contactCard()).isEmpty();

        expect(http.put("/api/v1/touchpoints/" + tp + "/contact-card", t.admin(), Map.of("enabled", false, "fullName", "Brand Support")), 200);
        assertThat(decorate(tp, Purpose.FIRST_MESSAGE, "Jane").contactCard()).isEmpty();

        var bad = http.put("/api/v1/touchpoints/" + tp + "/contact-card", t.admin(), Map.of("enabled", true, "email", "not-an-address",
                "phone", "call me", "url", "javascript:alert(1)"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.map().get("errors").toString()).contains("field=email").contains("field=phone").contains("field=url");
        assertThat(http.put("/api/v1/touchpoints/" + tp + "/contact-card", supervisor, Map.of("enabled", true)).status()).isEqualTo(403);
    }

    @Test
    void aTouchpointWithBrandingCanStillBeDeleted() {
        String tp = touchpoint("Short lived");
        String cid = expect(uploadImage(tp, "logo.png", "image/png", MultipartUpload.png(80)), 201).string("contentId");
        expect(http.put("/api/v1/touchpoints/" + tp + "/signature", t.admin(), Map.of("html", "<img src=\"cid:" + cid + "\">",
                "active", true)), 200);
        expect(http.put("/api/v1/touchpoints/" + tp + "/contact-card", t.admin(), Map.of("enabled", true)), 200);
        expect(http.post("/api/v1/standard-responses", t.admin(), Map.of("name", "Short", "text", "x", "touchpointId", tp)), 201);
        expect(http.delete("/api/v1/touchpoints/" + tp, t.admin()), 204);
        assertThat(http.get("/api/v1/touchpoints/" + tp + "/signature", t.admin()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/standard-responses", t.admin()).body()).doesNotContain(tp);
    }

    @Test
    void aTouchpointWithoutBrandingDecoratesNothing() {
        String tp = touchpoint("Plain desk");
        assertThat(decorate(tp, Purpose.FIRST_MESSAGE, "Jane")).isEqualTo(Decoration.NONE);
        assertThat(expect(http.get("/api/v1/touchpoints/" + tp + "/signature", t.admin()), 200).map())
                .containsEntry("html", "").containsEntry("active", false);
    }
}
