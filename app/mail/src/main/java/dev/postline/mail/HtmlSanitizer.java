package dev.postline.mail;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.owasp.html.CssSchema;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Makes the HTML body of a received mail safe to show to an agent, with an allow-list policy
 * (OWASP java-html-sanitizer): everything not named here is removed.
 *
 * <p>Obligations: nothing executable survives, whatever the input: no scripts, event handlers,
 * {@code javascript:}/{@code vbscript:}/{@code data:} URLs, frames, objects, forms, {@code <meta>},
 * {@code <base>}, {@code <style>} elements, SVG or MathML. Links keep only http, https, mailto and
 * tel, and open in a new tab with {@code rel="noopener noreferrer nofollow"}. Inline styles keep a
 * small set of layout and typography properties, never URLs or positioning. Images: see
 * {@link ImagePolicy}. The output is a fragment (no {@code <html>}, {@code <head>}, {@code <body>})
 * and, unless it holds rewritten {@code cid:} images, sanitising it again yields the same string
 * (no mutation-XSS through re-serialisation). Thread-safe.
 */
public final class HtmlSanitizer {

    /** Shared with {@link AuthoredHtmlSanitizer}: the same markup is allowed in and out. */
    static final List<String> ELEMENTS = List.of(
            "b", "i", "u", "s", "strike", "em", "strong", "small", "big", "sub", "sup", "font", "span",
            "abbr", "cite", "q", "del", "ins", "kbd", "samp", "var", "mark", "code", "tt",
            "div", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center",
            "address", "figure", "figcaption", "ul", "ol", "li", "dl", "dt", "dd",
            "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col");

    static final List<String> STYLE_PROPERTIES = List.of(
            "color", "background-color", "font", "font-family", "font-size", "font-style", "font-weight",
            "text-align", "text-decoration", "text-indent", "text-transform", "vertical-align", "line-height",
            "letter-spacing", "white-space", "word-spacing", "direction",
            "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
            "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
            "border", "border-top", "border-right", "border-bottom", "border-left", "border-color",
            "border-style", "border-width", "border-collapse", "border-spacing",
            "width", "height", "max-width", "min-width", "list-style-type");

    private static final Pattern LINK = Pattern.compile("(https?://|mailto:|tel:)");
    private static final Pattern LENGTH = Pattern.compile("\\d{1,5}%?");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,20}");
    private static final Pattern ALIGN = Pattern.compile("(?i)left|right|center|justify|top|middle|bottom|baseline");
    private static final Pattern FONT_FACE = Pattern.compile("[\\p{L}\\p{N} ,'\"-]{1,100}");

    /** Image settings of the sanitise call running on this thread; see {@link #sanitize}. */
    private static final ThreadLocal<ImagePolicy.Settings> CURRENT_IMAGES = new ThreadLocal<>();
    private static final PolicyFactory POLICY = policy(new ImagePolicy(CURRENT_IMAGES::get));

    /** Sanitises {@code html}; {@code cid:} images via {@code resolver}, remote images only if {@code loadRemoteImages}. */
    public String sanitize(String html, CidResolver resolver, boolean loadRemoteImages) {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(resolver, "resolver");
        // OWASP runs the policy synchronously on this thread, so the per-call image settings can
        // travel in a thread-local; compiling a policy per call instead costs ~150 µs.
        CURRENT_IMAGES.set(new ImagePolicy.Settings(resolver, loadRemoteImages));
        try {
            return POLICY.sanitize(html);
        } finally {
            CURRENT_IMAGES.remove();
        }
    }

    private static PolicyFactory policy(ImagePolicy images) {
        return new HtmlPolicyBuilder()
                .allowElements(ELEMENTS.toArray(String[]::new))
                .allowElements(images, "img")
                .allowElements((name, attrs) -> {
                    addTargetBlankToLinks(attrs);
                    return name;
                }, "a")
                .allowUrlProtocols("http", "https", "mailto", "tel", "cid")
                .allowAttributes("href").matching((element, attribute, value) -> isAbsoluteLink(value) ? value : null).onElements("a")
                .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
                .allowAttributes("src").onElements("img")
                .allowAttributes("alt").onElements("img")
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
                .allowStyling(CssSchema.withProperties(STYLE_PROPERTIES))
                .toFactory();
    }

    /** Every link opens in a new browsing context; {@code requireRelsOnLinks} then adds the rels. */
    private static void addTargetBlankToLinks(List<String> attrs) {
        for (int i = 0; i + 1 < attrs.size(); i += 2) {
            if (attrs.get(i).equals("href")) {
                attrs.add("target");
                attrs.add("_blank");
                return;
            }
        }
    }

    /**
     * Mail has no base URL, so a relative link could only point at our own origin (where the agent
     * is logged in); cid: is allowed above for images only. The protocol guard has already run.
     */
    private static boolean isAbsoluteLink(String url) {
        return LINK.matcher(url.strip().toLowerCase(Locale.ROOT)).lookingAt();
    }
}
