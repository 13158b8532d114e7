package dev.postline.mail;

import java.util.Optional;

/**
 * Maps the Content-ID of an inline part to a URL the browser may load, typically an
 * authenticated attachment download URL of the caller's API.
 *
 * <p>Obligations: return only URLs the caller serves itself, absolute {@code http(s)} or a
 * path starting with a single {@code /}; anything else is discarded by {@link HtmlSanitizer}. Return
 * empty for an unknown id; the image is then removed.
 */
@FunctionalInterface
public interface CidResolver {

    /** Resolves nothing: every {@code cid:} image is removed. */
    CidResolver NONE = contentId -> Optional.empty();

    /** @param contentId the Content-ID without angle brackets, URL-decoded from the {@code cid:} URL */
    Optional<String> resolve(String contentId);
}
