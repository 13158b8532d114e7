package dev.postline.connectors.api;

/**
 * Microsoft Graph position: the {@code @odata.deltaLink} of the last completed delta round. A 410 for
 * it means {@link FailureKind#CURSOR_INVALID}.
 */
public record GraphCursor(String deltaLink) implements SyncCursor {

    static final String KIND = "graph";

    public GraphCursor {
        if (deltaLink == null || !(deltaLink.startsWith("https://") || deltaLink.startsWith("http://"))
                || deltaLink.chars().anyMatch(Character::isWhitespace)) {
            // http is accepted for local test doubles; the connector decides what it will follow.
            throw new IllegalArgumentException("graph deltaLink must be an absolute http(s) URL without whitespace");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String serialize() {
        return KIND + ":v1:" + deltaLink;
    }
}
