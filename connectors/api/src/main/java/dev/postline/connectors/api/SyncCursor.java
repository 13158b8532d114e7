package dev.postline.connectors.api;

/**
 * Where a touchpoint's sync stands, one record per connector kind. Stored per touchpoint and folder
 * as the string from {@link #serialize()}, which always starts with {@code <kind>:v1:} so the
 * stored form can evolve.
 */
public sealed interface SyncCursor permits ImapCursor, GmailCursor, GraphCursor {

    /** The connector kind this cursor belongs to ({@code imap}, {@code gmail}, {@code graph}). */
    String kind();

    /** The storable form; {@link #parse} turns it back into an equal cursor. */
    String serialize();

    /**
     * Parses a string produced by {@link #serialize()}.
     *
     * @throws IllegalArgumentException for anything else, with a message saying what was expected
     */
    static SyncCursor parse(String stored) {
        if (stored == null) {
            throw new IllegalArgumentException("cursor is null");
        }
        String[] parts = stored.split(":", 3);
        if (parts.length < 3 || !parts[1].equals("v1")) {
            throw new IllegalArgumentException("not a stored cursor (expected '<kind>:v1:<value>')");
        }
        return switch (parts[0]) {
            case ImapCursor.KIND -> ImapCursor.parseValue(parts[2]);
            case GmailCursor.KIND -> GmailCursor.parseValue(parts[2]);
            case GraphCursor.KIND -> new GraphCursor(parts[2]);
            default -> throw new IllegalArgumentException("unknown cursor kind (expected imap, gmail or graph)");
        };
    }
}
