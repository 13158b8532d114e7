package dev.postline.core.outbound;

/** Plain text shown inside HTML we write ourselves: escaped, line breaks kept. */
final class HtmlText {

    private HtmlText() {}

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The text as one HTML block: escaped, each line break a {@code <br>}. */
    static String paragraphs(String text) {
        return "<div>" + escape(text).replaceAll("\r\n|\r|\n", "<br>\r\n") + "</div>";
    }
}
