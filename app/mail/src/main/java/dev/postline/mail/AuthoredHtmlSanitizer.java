package dev.postline.mail;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.owasp.html.CssSchema;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Makes HTML that a tenant writes for outbound mail (signatures, template header and footer,
 * standard responses) safe, with an allow-list policy: the same elements and styles as
 * {@link HtmlSanitizer}, links only to absolute {@code http(s):}, {@code mailto:} and {@code tel:}
 * URLs (click-to-call stays), images only from {@code cid:} (our own inline parts) and
 * {@code https:}. Nothing executable survives. Unlike {@link HtmlSanitizer}, links are not
 * rewritten to open in a new tab: this HTML goes to the customer's mail client, not into our page.
 *
 * <p>{@link #sanitize(String)} keeps {@code cid:} sources as written; {@link #sanitize(String, CidResolver)}
 * replaces them with what the resolver returns, which must be a base64 {@code data:} URL of a raster
 * image (a preview shows the images without a second request). Thread-safe.
 */
public final class AuthoredHtmlSanitizer {

    private static final Pattern LINK = Pattern.compile("(https?://|mailto:|tel:)");
    private static final Pattern LENGTH = Pattern.compile("\\d{1,5}%?");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,20}");
    private static final Pattern ALIGN = Pattern.compile("(?i)left|right|center|justify|top|middle|bottom|baseline");
    private static final Pattern FONT_FACE = Pattern.compile("[\\p{L}\\p{N} ,'\"-]{1,100}");
    private static final Pattern DATA_IMAGE = Pattern.compile("data:image/(png|gif|jpeg|bmp);base64,[A-Za-z0-9+/]+={0,2}");

    /** The cid handling of the sanitise call running on this thread; null keeps cid: sources. */
    private static final ThreadLocal<CidResolver> PREVIEW_IMAGES = new ThreadLocal<>();
    private static final PolicyFactory POLICY = policy();

    /** Sanitises {@code html}, keeping {@code cid:} image sources. */
    public String sanitize(String html) {
        Objects.requireNonNull(html, "html");
        return POLICY.sanitize(html);
    }

    /** Sanitises {@code html} for a preview: {@code cid:} images become the resolver's {@code data:} URLs or go. */
    public String sanitize(String html, CidResolver dataUrls) {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(dataUrls, "dataUrls");
        PREVIEW_IMAGES.set(dataUrls);
        try {
            return POLICY.sanitize(html);
        } finally {
            PREVIEW_IMAGES.remove();
        }
    }

    private static PolicyFactory policy() {
        return new HtmlPolicyBuilder()
                .allowElements(HtmlSanitizer.ELEMENTS.toArray(String[]::new))
                .allowElements(new Images(), "img")
                .allowElements("a")
                .allowUrlProtocols("http", "https", "mailto", "tel", "cid")
                .allowAttributes("href").matching((element, attribute, value) ->
                        LINK.matcher(value.strip().toLowerCase(Locale.ROOT)).lookingAt() ? value : null).onElements("a")
                .allowAttributes("src", "alt").onElements("img")
                .allowAttributes("title", "dir", "lang").globally()
                .allowAttributes("width", "height").matching(LENGTH).onElements("img", "table", "td", "th", "col", "colgroup", "hr")
                .allowAttributes("border", "cellpadding", "cellspacing").matching(LENGTH).onElements("table", "img")
                .allowAttributes("colspan", "rowspan", "span").matching(LENGTH).onElements("td", "th", "col", "colgroup")
                .allowAttributes("align").matching(ALIGN).onElements("p", "div", "table", "tr", "td", "th", "img", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "caption")
                .allowAttributes("valign").matching(ALIGN).onElements("tr", "td", "th", "tbody", "thead", "tfoot", "col")
                .allowAttributes("bgcolor").matching(COLOR).onElements("table", "tr", "td", "th")
                .allowAttributes("color").matching(COLOR).onElements("font")
                .allowAttributes("size").matching(Pattern.compile("[+-]?[1-7]")).onElements("font")
                .allowAttributes("face").matching(FONT_FACE).onElements("font")
                .allowAttributes("start", "value").matching(Pattern.compile("\\d{1,6}")).onElements("ol", "li")
                .allowAttributes("type").matching(Pattern.compile("[1aAiI]|disc|circle|square")).onElements("ol", "ul", "li")
                .allowStyling(CssSchema.withProperties(HtmlSanitizer.STYLE_PROPERTIES))
                .toFactory();
    }

    /**
     * An image keeps a {@code cid:} or {@code https:} source (the protocol filter already ran); in a
     * preview a cid becomes a checked data: URL. This policy's output is not filtered again.
     */
    private static final class Images implements ElementPolicy {

        @Override
        public String apply(String elementName, List<String> attrs) {
            int at = -1;
            for (int i = 0; i + 1 < attrs.size(); i += 2) {
                if (attrs.get(i).equals("src")) {
                    at = i;
                }
            }
            if (at < 0) {
                return null;
            }
            String src = attrs.get(at + 1).strip();
            String lower = src.toLowerCase(Locale.ROOT);
            if (lower.startsWith("https://")) {
                return elementName;
            }
            if (!lower.startsWith("cid:")) {
                return null;
            }
            CidResolver preview = PREVIEW_IMAGES.get();
            if (preview == null) {
                return elementName;
            }
            Optional<String> data = preview.resolve(contentId(src)).filter(url -> DATA_IMAGE.matcher(url).matches());
            if (data.isEmpty()) {
                return null;
            }
            attrs.set(at + 1, data.get());
            return elementName;
        }
    }

    /** The Content-ID a {@code cid:} URL names (RFC 2392: URL-encoded), without the scheme. */
    public static String contentId(String cidUrl) {
        String encoded = cidUrl.strip().substring(4);
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }
}
