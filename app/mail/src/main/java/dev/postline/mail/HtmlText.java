package dev.postline.mail;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.owasp.html.HtmlSanitizer;

/**
 * The plain-text form of an HTML fragment, for the text/plain alternative of a message we send:
 * paragraphs and line breaks kept, whitespace collapsed, list items bulleted, links written as
 * {@code text <url>} (so click-to-call stays visible: {@code Call us <tel:+15550100>}), images as
 * their alt text. Framework-free and thread-safe.
 */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("div", "tr", "table", "ul", "ol", "li", "dl", "dt", "dd",
            "address", "figure", "figcaption", "center", "hr", "caption", "thead", "tbody", "tfoot");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre");
    private static final Set<String> HIDDEN = Set.of("script", "style", "title", "head", "template", "noscript");

    private HtmlText() {}

    public static String of(String html) {
        Writer writer = new Writer();
        HtmlSanitizer.sanitize(html, writer);
        return writer.result();
    }

    /** Receives the lexer's events; text and attribute values arrive with entities decoded. */
    private static final class Writer implements HtmlSanitizer.Policy {

        private final StringBuilder out = new StringBuilder();
        private int hidden;
        private int pre;
        private String href;
        private int linkStart;

        @Override
        public void openDocument() {}

        @Override
        public void closeDocument() {}

        @Override
        public void openTag(String name, List<String> attrs) {
            String element = name.toLowerCase(Locale.ROOT);
            if (HIDDEN.contains(element)) {
                hidden++;
            } else if (element.equals("br")) {
                trimLineEnd();
                out.append('\n');
            } else if (PARAGRAPHS.contains(element)) {
                breakLines(2);
                pre += element.equals("pre") ? 1 : 0;
            } else if (BLOCKS.contains(element)) {
                breakLines(1);
                if (element.equals("li")) {
                    out.append("- ");
                }
            } else if (element.equals("td") || element.equals("th")) {
                space();
            } else if (element.equals("a")) {
                href = attribute(attrs, "href");
                linkStart = out.length();
            } else if (element.equals("img")) {
                String alt = attribute(attrs, "alt");
                if (alt != null && !alt.isBlank()) {
                    text(alt);
                }
            }
        }

        @Override
        public void closeTag(String name) {
            String element = name.toLowerCase(Locale.ROOT);
            if (HIDDEN.contains(element)) {
                hidden = Math.max(0, hidden - 1);
            } else if (PARAGRAPHS.contains(element)) {
                pre -= element.equals("pre") && pre > 0 ? 1 : 0;
                breakLines(2);
            } else if (BLOCKS.contains(element)) {
                breakLines(1);
            } else if (element.equals("a") && href != null) {
                String label = out.substring(Math.min(linkStart, out.length())).strip();
                if (!label.equals(href.strip())) {
                    if (!label.isEmpty()) {
                        space();
                    }
                    out.append('<').append(href.strip()).append('>');
                }
                href = null;
            }
        }

        @Override
        public void text(String text) {
            if (hidden > 0) {
                return;
            }
            if (pre > 0) {
                out.append(text);
                return;
            }
            String collapsed = text.replaceAll("[ \\t\\r\\n\\f]+", " ");
            if (collapsed.startsWith(" ") && (out.isEmpty() || Character.isWhitespace(out.charAt(out.length() - 1)))) {
                collapsed = collapsed.substring(1);
            }
            out.append(collapsed);
        }

        private void space() {
            if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                out.append(' ');
            }
        }

        private void trimLineEnd() {
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
        }

        /** Ends the current line so that at least {@code count} newlines precede what comes next. */
        private void breakLines(int count) {
            trimLineEnd();
            if (out.isEmpty()) {
                return;
            }
            int present = 0;
            for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n'; i--) {
                present++;
            }
            out.append("\n".repeat(Math.max(0, count - present)));
        }

        String result() {
            return out.toString().lines().map(String::stripTrailing)
                    .reduce((a, b) -> a + "\n" + b).orElse("").replaceAll("\n{3,}", "\n\n").strip();
        }

        private static String attribute(List<String> attrs, String name) {
            for (int i = 0; i + 1 < attrs.size(); i += 2) {
                if (attrs.get(i).equalsIgnoreCase(name)) {
                    return attrs.get(i + 1);
                }
            }
            return null;
        }
    }
}
