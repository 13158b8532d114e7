package dev.postline.mail;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.owasp.html.ElementPolicy;

/**
 * Decides the fate of each {@code <img>} after the attribute allow-list ran: {@code cid:} sources
 * go through the {@link CidResolver}; remote sources stay only when remote images may load,
 * otherwise they move to {@code data-remote-src} (so the UI can offer "load images") and the browser
 * fetches nothing, which keeps tracking pixels silent. An image left without any source is removed.
 *
 * <p>The element policy's output is not filtered again, so every URL written here is checked here.
 */
final class ImagePolicy implements ElementPolicy {

    static final String REMOTE_SRC = "data-remote-src";

    /** What one sanitise call decided about images. */
    record Settings(CidResolver resolver, boolean loadRemoteImages) {}

    private final Supplier<Settings> settings;

    ImagePolicy(Supplier<Settings> settings) {
        this.settings = settings;
    }

    @Override
    public String apply(String elementName, List<String> attrs) {
        CidResolver resolver = settings.get().resolver();
        boolean loadRemoteImages = settings.get().loadRemoteImages();
        int srcIndex = indexOf(attrs, "src");
        if (srcIndex < 0) {
            return null;
        }
        String src = attrs.get(srcIndex + 1).strip();
        String lower = src.toLowerCase(Locale.ROOT);
        String replacementName = "src";
        String replacement = null;
        if (lower.startsWith("cid:")) {
            replacement = resolver.resolve(contentId(src.substring(4))).filter(ImagePolicy::isServedUrl).orElse(null);
        } else if (lower.startsWith("https://") || lower.startsWith("http://")) {
            replacement = src;
            replacementName = loadRemoteImages ? "src" : REMOTE_SRC;
        }
        if (replacement == null) {
            return null;
        }
        attrs.set(srcIndex, replacementName);
        attrs.set(srcIndex + 1, replacement);
        return elementName;
    }

    /** RFC 2392: a cid URL is the URL-encoded Content-ID. */
    private static String contentId(String encoded) {
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }

    static boolean isServedUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean absolute = lower.startsWith("https://") || lower.startsWith("http://");
        boolean path = url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
        return (absolute || path) && url.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\');
    }

    private static int indexOf(List<String> attrs, String name) {
        for (int i = 0; i + 1 < attrs.size(); i += 2) {
            if (attrs.get(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
