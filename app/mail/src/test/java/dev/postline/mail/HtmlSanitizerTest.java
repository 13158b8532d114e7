package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {

    private final HtmlSanitizer sanitizer = new HtmlSanitizer();
    private final CidResolver resolver = id -> Optional.ofNullable(
            Map.of("photo1@customer.example", "/api/v1/attachments/42").get(id));

    /** The payloads first, then common XSS and mutation-XSS vectors. */
    static Stream<Arguments> payloads() {
        return Stream.of(
                Arguments.of("script element", "<p>hi</p><script>alert(1)</script>"),
                Arguments.of("onerror handler", "<img src=x onerror=alert(1)>"),
                Arguments.of("onerror on a remote image", "<img src=\"https://x.example/a.png\" onerror=\"alert(1)\">"),
                Arguments.of("javascript link", "<a href=\"javascript:alert(1)\">click</a>"),
                Arguments.of("svg style mXSS", "<svg><style><img src=x onerror=alert(1)></style></svg>"),
                Arguments.of("noscript style mXSS", "<noscript><style></noscript><img src=x onerror=alert(1)></style>"),
                Arguments.of("mixed-case javascript", "<a href=\"  JaVaScRiPt:alert(1)\">x</a>"),
                Arguments.of("tab inside javascript", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>"),
                Arguments.of("entity-encoded javascript", "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>"),
                Arguments.of("named-entity colon", "<a href=\"javascript&colon;alert(1)\">x</a>"),
                Arguments.of("vbscript link", "<a href=\"vbscript:msgbox(1)\">x</a>"),
                Arguments.of("data html link", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>"),
                Arguments.of("data svg image", "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">"),
                Arguments.of("iframe", "<iframe src=\"https://evil.example\"></iframe>"),
                Arguments.of("object and embed", "<object data=\"x.swf\"></object><embed src=\"x.swf\">"),
                Arguments.of("form phishing", "<form action=\"https://evil.example\"><input type=password name=p><button>Go</button></form>"),
                Arguments.of("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">"),
                Arguments.of("base href", "<base href=\"javascript:/\"><a href=\"x\">x</a>"),
                Arguments.of("style element import", "<style>@import 'javascript:alert(1)';</style><p>x</p>"),
                Arguments.of("style url", "<div style=\"background:url(javascript:alert(1))\">x</div>"),
                Arguments.of("style expression", "<div style=\"width: expression(alert(1))\">x</div>"),
                Arguments.of("link stylesheet", "<link rel=stylesheet href=\"javascript:alert(1)\">"),
                Arguments.of("body onload", "<body onload=alert(1)>x</body>"),
                Arguments.of("details ontoggle", "<details open ontoggle=alert(1)>x</details>"),
                Arguments.of("video source onerror", "<video><source onerror=alert(1)></video>"),
                Arguments.of("button formaction", "<button formaction=\"javascript:alert(1)\">x</button>"),
                Arguments.of("cid image with handler", "<img src=\"cid:photo1@customer.example\" onerror=\"alert(1)\">"),
                Arguments.of("split script tag", "<scr<script>ipt>alert(1)</script>"),
                Arguments.of("svg xlink", "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>"),
                Arguments.of("template", "<template><img src=x onerror=alert(1)></template>"),
                Arguments.of("math mglyph style mXSS", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
                Arguments.of("form math namespace confusion", "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>"),
                Arguments.of("comment breakout", "<!--><img src=x onerror=alert(1)>-->"),
                Arguments.of("attribute breakout", "<p title=\"</p><img src=x onerror=alert(1)>\">x</p>"),
                Arguments.of("textarea breakout", "<textarea><img src=x onerror=alert(1)></textarea>"),
                Arguments.of("xmp raw text", "<xmp><img src=x onerror=alert(1)></xmp>"),
                Arguments.of("table background", "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>"),
                Arguments.of("srcset", "<img srcset=\"javascript:alert(1)\" src=\"https://x.example/a.png\">"),
                Arguments.of("link onclick", "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>"),
                Arguments.of("isindex", "<isindex action=\"javascript:alert(1)\" type=image>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void noExecutableContentShouldSurvive(String name, String payload) {
        String withRemote = sanitizer.sanitize(payload, resolver, true);
        String withoutRemote = sanitizer.sanitize(payload, resolver, false);

        ExecutableHtml.assertNoneIn(withRemote);
        ExecutableHtml.assertNoneIn(withoutRemote);
        // Stable output: a second pass changes nothing, so no mutation hides in the serialisation.
        String plain = sanitizer.sanitize(payload, CidResolver.NONE, true);
        assertThat(sanitizer.sanitize(plain, CidResolver.NONE, true)).isEqualTo(plain);
    }

    @Test
    void formattingAndTablesShouldBeKept() {
        String out = sanitizer.sanitize("<p><b>Bold</b> <i>it</i></p><table border=\"1\"><tr><td colspan=\"2\" bgcolor=\"#eeeeee\">cell</td></tr></table>",
                CidResolver.NONE, false);

        assertThat(out).contains("<b>Bold</b>", "<i>it</i>", "<table border=\"1\">", "<td colspan=\"2\" bgcolor=\"#eeeeee\">cell</td>");
    }

    @Test
    void linksShouldOpenInANewTabWithoutOpenerOrReferrer() {
        String out = sanitizer.sanitize("<a href=\"https://shop.example/o/4711\" target=\"_self\">order</a>", CidResolver.NONE, false);

        assertThat(out).contains("href=\"https://shop.example/o/4711\"", "target=\"_blank\"")
                .containsPattern("rel=\"[^\"]*noopener[^\"]*\"").containsPattern("rel=\"[^\"]*noreferrer[^\"]*\"")
                .containsPattern("rel=\"[^\"]*nofollow[^\"]*\"").doesNotContain("_self");
    }

    @Test
    void relativeLinksShouldBeDroppedBecauseTheyWouldPointAtOurOwnOrigin() {
        String out = sanitizer.sanitize("<a href=\"/api/v1/admin\">a</a><a href=\"//evil.example\">b</a>", CidResolver.NONE, false);

        assertThat(out).doesNotContain("href");
    }

    @Test
    void mailtoAndTelLinksShouldBeKept() {
        String out = sanitizer.sanitize("<a href=\"mailto:a@b.example\">m</a><a href=\"tel:+4930123\">t</a><a href=\"ftp://x\">f</a>",
                CidResolver.NONE, false);

        assertThat(out).contains("href=\"mailto:a&#64;b.example\"", "href=\"tel:&#43;4930123\"").doesNotContain("ftp:");
    }

    @Test
    void cidImagesShouldBeRewrittenThroughTheResolverAndUnknownOnesRemoved() {
        String out = sanitizer.sanitize("<img src=\"cid:photo1@customer.example\" alt=\"photo\"><img src=\"cid:unknown@x\" alt=\"gone\">",
                resolver, false);

        assertThat(out).contains("src=\"/api/v1/attachments/42\"", "alt=\"photo\"").doesNotContain("gone", "cid:");
    }

    @Test
    void resolverUrlsThatAreNotServedByUsShouldBeDiscarded() {
        CidResolver hostile = id -> Optional.of("javascript:alert(1)");

        assertThat(sanitizer.sanitize("<img src=\"cid:a@b\">", hostile, true)).doesNotContain("<img");
    }

    @Test
    void remoteImagesShouldNotLoadUnlessAllowed() {
        String html = "<img src=\"https://tracker.example/p.gif\" alt=\"t\">";

        assertThat(sanitizer.sanitize(html, CidResolver.NONE, false))
                .contains("data-remote-src=\"https://tracker.example/p.gif\"").doesNotContain(" src=");
        assertThat(sanitizer.sanitize(html, CidResolver.NONE, true)).contains(" src=\"https://tracker.example/p.gif\"");
    }

    @Test
    void onlySafeInlineStylesShouldBeKept() {
        String out = sanitizer.sanitize("<p style=\"color: red; position: fixed; top: 0; font-weight: bold\">x</p>", CidResolver.NONE, false);

        assertThat(out).contains("color:red", "font-weight:bold").doesNotContain("position", "top");
    }

    @Test
    void documentWrapperAndHeadShouldNotLeakIntoTheFragment() {
        String out = sanitizer.sanitize("<html><head><title>T</title><style>p{color:red}</style></head><body><p>x</p></body></html>",
                CidResolver.NONE, false);

        assertThat(out).isEqualTo("<p>x</p>");
    }
}
