package dev.postline.connectors.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Gmail position. Normally just the {@code historyId} to pass as {@code startHistoryId}; a 404 for it
 * means {@link FailureKind#CURSOR_INVALID}.
 *
 * <p>A full sync (a first import, or the resync after a 404) cannot be expressed as a history id, because
 * Gmail keeps history only for a limited time: it lists messages instead. While that listing is under way
 * the cursor also carries its {@link Listing}, and {@code historyId} is the mailbox's history id taken
 * <em>before</em> the listing began, where the history phase continues once the listing is done, so mail
 * that arrives during a long import is not lost.
 *
 * @param historyId decimal history id
 * @param listing   the full-sync listing under way, or {@code null} in the history phase
 */
public record GmailCursor(String historyId, Listing listing) implements SyncCursor {

    static final String KIND = "gmail";
    private static final String LISTING_MARK = ":list:";

    /**
     * A listing of the messages received after {@code afterEpochSecond} (Gmail {@code after:} query), taken
     * oldest first.
     *
     * @param afterEpochSecond lower bound of the listing, 0 for the whole mailbox
     * @param lastDoneId       the Gmail id of the last listed message handed out, or {@code ""} before the first
     */
    public record Listing(long afterEpochSecond, String lastDoneId) {
        public Listing {
            if (afterEpochSecond < 0) {
                throw new IllegalArgumentException("gmail listing bound must not be negative");
            }
            Objects.requireNonNull(lastDoneId, "lastDoneId");
            if (!lastDoneId.matches("[A-Za-z0-9_-]{0,128}")) {
                throw new IllegalArgumentException("gmail message id must be letters, digits, '-' or '_'");
            }
        }
    }

    public GmailCursor {
        if (historyId == null || historyId.isEmpty() || historyId.length() > 30
                || !historyId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("gmail historyId must be a decimal number");
        }
    }

    /** A history-phase cursor. */
    public GmailCursor(String historyId) {
        this(historyId, null);
    }

    public Optional<Listing> listingUnderWay() {
        return Optional.ofNullable(listing);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String serialize() {
        return KIND + ":v1:" + historyId
                + (listing == null ? "" : LISTING_MARK + listing.afterEpochSecond() + ":" + listing.lastDoneId());
    }

    /** Reads the part after {@code gmail:v1:}. */
    static GmailCursor parseValue(String value) {
        int mark = value.indexOf(LISTING_MARK);
        if (mark < 0) {
            return new GmailCursor(value);
        }
        String[] listing = value.substring(mark + LISTING_MARK.length()).split(":", -1);
        if (listing.length != 2 || listing[0].isEmpty() || listing[0].length() > 12
                || !listing[0].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("gmail cursor must be 'gmail:v1:<historyId>[:list:<after>:<lastId>]'");
        }
        return new GmailCursor(value.substring(0, mark), new Listing(Long.parseLong(listing[0]), listing[1]));
    }
}
