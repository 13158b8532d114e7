package dev.postline.mail;

import java.util.ArrayList;
import java.util.List;
import org.owasp.html.HtmlSanitizer;

/** The {@code src} of every {@code <img>} in an HTML fragment, entities decoded, in document order. */
public final class HtmlImageSources {

    private HtmlImageSources() {}

    public static List<String> of(String html) {
        List<String> sources = new ArrayList<>();
        HtmlSanitizer.sanitize(html, new HtmlSanitizer.Policy() {
            @Override
            public void openDocument() {}

            @Override
            public void closeDocument() {}

            @Override
            public void openTag(String name, List<String> attrs) {
                if (name.equalsIgnoreCase("img")) {
                    for (int i = 0; i + 1 < attrs.size(); i += 2) {
                        if (attrs.get(i).equalsIgnoreCase("src")) {
                            sources.add(attrs.get(i + 1).strip());
                        }
                    }
                }
            }

            @Override
            public void closeTag(String name) {}

            @Override
            public void text(String text) {}
        });
        return sources;
    }

    /** The Content-IDs the fragment's {@code cid:} images refer to. */
    public static List<String> contentIds(String html) {
        return of(html).stream().filter(src -> src.regionMatches(true, 0, "cid:", 0, 4))
                .map(AuthoredHtmlSanitizer::contentId).distinct().toList();
    }
}
