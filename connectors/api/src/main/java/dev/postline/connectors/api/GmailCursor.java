package dev.postline.connectors.api;

/**
 * Gmail position: the {@code historyId} to pass as {@code startHistoryId}. A 404 for it means
 * {@link FailureKind#CURSOR_INVALID}.
 */
public record GmailCursor(String historyId) implements SyncCursor {

    static final String KIND = "gmail";

    public GmailCursor {
        if (historyId == null || historyId.isEmpty() || !historyId.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("gmail historyId must be a decimal number");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String serialize() {
        return KIND + ":v1:" + historyId;
    }
}
