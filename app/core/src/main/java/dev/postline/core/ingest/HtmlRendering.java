package dev.postline.core.ingest;

import dev.postline.mail.HtmlSanitizer;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Function;

/**
 * Inbound HTML made safe to show: an allow-list sanitiser, inline images rewritten to
 * authenticated attachment URLs, remote images not loaded. Applied on every read, so a
 * better policy protects old mail too.
 */
@Singleton
public class HtmlRendering {

    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    public String sanitize(String html, Function<String, Optional<String>> inlineImageUrl) {
        return sanitizer.sanitize(html, contentId -> inlineImageUrl.apply(contentId), false);
    }
}
