package dev.postline.connectors.gmail;

import dev.postline.connectors.api.ConnectorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A mailbox's share of Gmail's per-user quota: at most {@code limit} units in any sliding minute, counted
 * before each request. A sliding log rather than a token bucket on purpose: a bucket of 15,000 refilled at
 * 250/s lets 30,000 units through in one minute and would run into Gmail's 429 under a burst. The window
 * is one second longer than Gmail's so that request latency cannot push a burst over the limit.
 */
final class UnitBudget {

    private static final Duration WINDOW = Duration.ofSeconds(61);

    private record Spent(Instant at, int units) {
    }

    private final int limit;
    private final Clock clock;
    private final Deque<Spent> spent = new ArrayDeque<>();

    UnitBudget(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * Spends {@code units} now.
     *
     * @throws ConnectorException {@code THROTTLED} with the wait until enough units are free
     */
    synchronized void spend(int units, String what) throws ConnectorException {
        Instant now = clock.instant();
        while (!spent.isEmpty() && !spent.peekFirst().at().plus(WINDOW).isAfter(now)) {
            spent.pollFirst();
        }
        int used = spent.stream().mapToInt(Spent::units).sum();
        if (used + units <= limit) {
            spent.addLast(new Spent(now, units));
            return;
        }
        int toFree = used + units - limit;
        Instant freeAt = now.plus(WINDOW);
        for (Spent s : spent) {
            toFree -= s.units();
            if (toFree <= 0) {
                freeAt = s.at().plus(WINDOW);
                break;
            }
        }
        throw ConnectorException.throttled("Gmail per-user quota budget (" + limit + " units a minute) is spent; "
                + what + " waits", Duration.between(now, freeAt));
    }
}
