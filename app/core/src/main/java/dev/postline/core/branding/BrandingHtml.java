package dev.postline.core.branding;

import dev.postline.core.web.InputCheck;
import dev.postline.mail.AuthoredHtmlSanitizer;
import dev.postline.mail.CidResolver;
import dev.postline.mail.HtmlImageSources;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML that admins save for outbound mail (signatures, template header and footer, standard
 * responses): checked and sanitised once, when saved. The sanitiser would mangle {@code {{…}}}
 * (it breaks up double braces against client-side template injection), so known placeholders
 * travel through it as plain alphanumeric tokens and are put back afterwards.
 */
public final class BrandingHtml {

    /** Longest HTML accepted for one field. */
    public static final int MAX_LENGTH = 50_000;

    private static final AuthoredHtmlSanitizer SANITIZER = new AuthoredHtmlSanitizer();
    private static final Pattern TOKEN = Pattern.compile("PLVAR(\\d{1,4})ZQX");

    private BrandingHtml() {}

    /**
     * The sanitised form of {@code html} ("" when absent). Reports against {@code field}: too long,
     * unknown variables, and {@code cid:} images that are not among {@code contentIds}.
     */
    public static String clean(InputCheck in, String field, @Nullable String html, Set<String> contentIds) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (html.length() > MAX_LENGTH) {
            return in.fail(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!checkVariables(in, field, html)) {
            return null;
        }
        String clean = sanitize(html);
        for (String cid : HtmlImageSources.contentIds(clean)) {
            in.check(contentIds.contains(cid), field, "refers to the image cid:" + cid
                    + ", which is not uploaded for this touchpoint (POST …/signature/images)");
        }
        return clean;
    }

    /** Reports each unknown variable and misspelt filter of {@code text} against {@code field}; true when there is none. */
    public static boolean checkVariables(InputCheck in, String field, String text) {
        var problems = TemplateVariables.problemsIn(text);
        problems.forEach(problem -> in.fail(field, problem));
        return problems.isEmpty();
    }

    /** Sanitised HTML with its placeholders intact. */
    public static String sanitize(String html) {
        List<String> placeholders = new ArrayList<>();
        return restore(SANITIZER.sanitize(protect(html, placeholders)), placeholders);
    }

    /** Sanitised HTML whose {@code cid:} images are replaced by the resolver's data: URLs (previews only). */
    public static String sanitizeForPreview(String html, CidResolver dataUrls) {
        List<String> placeholders = new ArrayList<>();
        return restore(SANITIZER.sanitize(protect(html, placeholders), dataUrls), placeholders);
    }

    /** Plain text as HTML: escaped, line breaks kept. */
    public static String textToHtml(String text) {
        return TemplateVariables.escapeHtml(text).replace("\r\n", "\n").replace("\n", "<br>");
    }

    /** Replaces each valid placeholder by a token numbered in {@code placeholders}; invalid ones are dropped. */
    private static String protect(String html, List<String> placeholders) {
        Matcher m = TemplateVariables.PLACEHOLDER.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            String canonical = TemplateVariables.canonical(m.group(1));
            if (canonical != null) {
                placeholders.add(canonical);
            }
            m.appendReplacement(out, canonical == null ? "" : "PLVAR" + (placeholders.size() - 1) + "ZQX");
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String restore(String html, List<String> placeholders) {
        Matcher m = TOKEN.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            m.appendReplacement(out, index < placeholders.size() ? Matcher.quoteReplacement(placeholders.get(index)) : "");
        }
        m.appendTail(out);
        return out.toString();
    }
}
