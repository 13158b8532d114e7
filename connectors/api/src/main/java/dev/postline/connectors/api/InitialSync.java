package dev.postline.connectors.api;

import java.time.Instant;
import java.util.Objects;

/** Where the first sync of a touchpoint starts. */
public sealed interface InitialSync {

    /** Only mail arriving after the cursor is taken; the default for a new touchpoint. */
    static InitialSync fromNow() {
        return FromNow.INSTANCE;
    }

    /**
     * Mail received at or after {@code instant}. Providers may round down (IMAP SEARCH SINCE has day
     * granularity), so a little older mail can be included; dedupe takes care of it.
     */
    static InitialSync since(Instant instant) {
        return new Since(instant);
    }

    /** Everything in the mailbox. */
    static InitialSync everything() {
        return new Since(Instant.EPOCH);
    }

    enum FromNow implements InitialSync { INSTANCE }

    record Since(Instant instant) implements InitialSync {
        public Since {
            Objects.requireNonNull(instant, "instant");
        }
    }
}
