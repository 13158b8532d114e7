package dev.postline.connectors.imap;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets a session has used, so that any server text we quote in a failure reason can be
 * scrubbed of them (some servers echo parts of a failed AUTHENTICATE exchange).
 */
final class Secrets {

    private static final int MAX_QUOTE = 200;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** Remembers {@code secret} and returns it, for use inline where it is fetched. */
    String remember(String secret) {
        if (secret != null && !secret.isEmpty()) {
            seen.add(secret);
        }
        return secret;
    }

    /** Server text safe to put in a reason: secrets replaced, control characters removed, shortened. */
    String scrub(String serverText) {
        if (serverText == null) {
            return "";
        }
        String text = serverText;
        for (String secret : List.copyOf(seen)) {
            text = text.replace(secret, "[redacted]");
        }
        text = text.replaceAll("[\\p{Cntrl}]+", " ").trim();
        return text.length() > MAX_QUOTE ? text.substring(0, MAX_QUOTE) + "…" : text;
    }
}
