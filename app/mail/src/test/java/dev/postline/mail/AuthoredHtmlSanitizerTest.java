package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class AuthoredHtmlSanitizerTest {

    private final AuthoredHtmlSanitizer sanitizer = new AuthoredHtmlSanitizer();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.postline.mail.HtmlSanitizerTest#payloads")
    void nothingExecutableSurvives(String name, String payload) {
        // Authored HTML keeps cid: images on purpose (they are our own inline parts).
        String clean = sanitizer.sanitize(payload).replaceAll("src=\"cid:[^\"]*\"", "src=\"inline\"");
        ExecutableHtml.assertNoneIn(clean);
    }

    @Test
    void clickToCallMailAndWebLinksStayWithoutBeingRetargeted() {
        String html = "<p><a href=\"tel:+15550100\">Call us</a> <a href=\"mailto:help@acme.example\">Mail</a> "
                + "<a href=\"https://acme.example/help\">Help</a> <a href=\"/relative\">rel</a> <a href=\"ftp://x\">ftp</a></p>";
        assertThat(sanitizer.sanitize(html)).isEqualTo("<p><a href=\"tel:&#43;15550100\">Call us</a> "
                + "<a href=\"mailto:help&#64;acme.example\">Mail</a> <a href=\"https://acme.example/help\">Help</a> rel ftp</p>");
    }

    @Test
    void cidAndHttpsImagesStayOtherSourcesGo() {
        String html = "<img src=\"cid:logo-1@postline\" alt=\"Acme\"><img src=\"https://cdn.example/a.png\">"
                + "<img src=\"http://cdn.example/a.png\"><img src=\"data:image/png;base64,iVBORw0KGgo=\"><img src=\"/x.png\">";
        assertThat(sanitizer.sanitize(html))
                .isEqualTo("<img src=\"cid:logo-1&#64;postline\" alt=\"Acme\" /><img src=\"https://cdn.example/a.png\" />");
    }

    @Test
    void aPreviewShowsCidImagesAsDataUrlsAndDropsUnknownOnes() {
        String html = "<img src=\"cid:logo-1@postline\"><img src=\"cid:unknown@postline\"><img src=\"cid:evil@postline\">";
        String preview = sanitizer.sanitize(html, id -> switch (id) {
            case "logo-1@postline" -> Optional.of("data:image/png;base64,iVBORw0KGgo=");
            case "evil@postline" -> Optional.of("javascript:alert(1)");
            default -> Optional.empty();
        });
        assertThat(preview).isEqualTo("<img src=\"data:image/png;base64,iVBORw0KGgo&#61;\" />");
    }

    @Test
    void imageSourcesAreReadDecoded() {
        assertThat(HtmlImageSources.contentIds(sanitizer.sanitize("<p><img src=\"cid:a%40b\"><img src=\"cid:logo-1@postline\">"
                + "<img src=\"https://x.example/y.png\"><img src=\"cid:logo-1@postline\"></p>")))
                .containsExactly("a@b", "logo-1@postline");
    }
}
