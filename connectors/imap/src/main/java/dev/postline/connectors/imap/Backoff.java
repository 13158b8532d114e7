package dev.postline.connectors.imap;

import java.time.Duration;

/** Doubling delays between reconnect attempts: 1 s, 2 s, 4 s … capped at 60 s. */
final class Backoff {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofSeconds(60);

    private Duration next = FIRST;

    Duration next() {
        Duration current = next;
        next = next.multipliedBy(2).compareTo(CAP) > 0 ? CAP : next.multipliedBy(2);
        return current;
    }

    void reset() {
        next = FIRST;
    }
}
