package dev.postline.connectors.api;

/**
 * IMAP position: a UID means nothing without its UIDVALIDITY (RFC 3501 §2.3.1.1).
 *
 * @param uidValidity   the folder's UIDVALIDITY when the cursor was made (1..2^32-1)
 * @param lastUid       every message with a UID up to this one is done; 0 before the first message
 * @param highestModSeq the folder's HIGHESTMODSEQ when CONDSTORE is offered, otherwise {@code null}
 */
public record ImapCursor(long uidValidity, long lastUid, Long highestModSeq) implements SyncCursor {

    static final String KIND = "imap";
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;

    public ImapCursor {
        if (uidValidity < 1 || uidValidity > MAX_UINT32) {
            throw new IllegalArgumentException("uidValidity must be 1..2^32-1");
        }
        if (lastUid < 0 || lastUid > MAX_UINT32) {
            throw new IllegalArgumentException("lastUid must be 0..2^32-1");
        }
        if (highestModSeq != null && highestModSeq < 0) {
            throw new IllegalArgumentException("highestModSeq must not be negative");
        }
    }

    /** The same folder position with {@code uid} done. */
    public ImapCursor after(long uid) {
        return new ImapCursor(uidValidity, uid, highestModSeq);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String serialize() {
        return KIND + ":v1:" + uidValidity + ":" + lastUid + (highestModSeq == null ? "" : ":" + highestModSeq);
    }

    static ImapCursor parseValue(String value) {
        String[] f = value.split(":", -1);
        if (f.length < 2 || f.length > 3) {
            throw new IllegalArgumentException("imap cursor must be 'imap:v1:<uidvalidity>:<lastuid>[:<modseq>]'");
        }
        return new ImapCursor(number(f[0]), number(f[1]), f.length == 3 ? number(f[2]) : null);
    }

    private static long number(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9') || s.length() > 19) {
            throw new IllegalArgumentException("imap cursor fields must be decimal numbers");
        }
        return Long.parseLong(s);
    }
}
