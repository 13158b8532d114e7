package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent check that sanitised HTML contains nothing a browser would execute. It relies on
 * the sanitiser's normalised output (quoted attributes, {@code <} escaped in text), so every real
 * tag matches {@link #TAG}.
 */
final class ExecutableHtml {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern FORBIDDEN_ELEMENT = Pattern.compile(
            "^</?\\s*(script|style|iframe|frame|frameset|object|embed|applet|form|input|button|textarea|select"
                    + "|meta|base|link|svg|math|noscript|template|video|audio|source|details|isindex|body|html|head)\\b");
    private static final Pattern EVENT_HANDLER = Pattern.compile("\\son[a-z]+\\s*=");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-f]+);?");

    private ExecutableHtml() {}

    static void assertNoneIn(String html) {
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String tag = tags.group().toLowerCase(Locale.ROOT);
            assertThat(tag).as("tag in %s", html).doesNotContainPattern(FORBIDDEN_ELEMENT);
            assertThat(tag).as("tag in %s", html).doesNotContainPattern(EVENT_HANDLER);
            String decoded = decodeEntities(tag).replaceAll("[\\s\\x00-\\x1f]", "");
            assertThat(decoded).as("tag in %s", html)
                    .doesNotContain("javascript:", "vbscript:", "data:", "expression(", "url(", "cid:");
        }
    }

    private static String decodeEntities(String s) {
        Matcher m = NUMERIC_ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            m.appendReplacement(sb, Matcher.quoteReplacement(Character.toString(code)));
        }
        m.appendTail(sb);
        return sb.toString().replace("&colon;", ":").replace("&lpar;", "(").replace("&amp;", "&").replace("&quot;", "\"");
    }
}
