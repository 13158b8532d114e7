package dev.postline.connectors.gmaildouble;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gmail's per-user rate limit: at most {@code limit} quota units in any sliding minute (15,000 by
 * default). Requests over the limit are refused and cost nothing; the meter says when enough units free up.
 */
public final class QuotaMeter {

    public static final int GMAIL_UNITS_PER_USER_PER_MINUTE = 15_000;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private record Use(Instant at, int units) {
    }

    private final Clock clock;
    private volatile int limit = GMAIL_UNITS_PER_USER_PER_MINUTE;
    private final Map<String, Deque<Use>> uses = new HashMap<>();
    private final Map<String, Long> totals = new HashMap<>();
    private final Map<String, Integer> refusals = new HashMap<>();

    QuotaMeter(Clock clock) {
        this.clock = clock;
    }

    public void limitPerMinute(int units) {
        this.limit = units;
    }

    /** Charges {@code units} to {@code user}; empty when allowed, else the instant enough units free up. */
    synchronized Optional<Instant> charge(String user, int units) {
        Instant now = clock.instant();
        Deque<Use> window = uses.computeIfAbsent(user, u -> new ArrayDeque<>());
        while (!window.isEmpty() && !window.peekFirst().at().plus(WINDOW).isAfter(now)) {
            window.pollFirst();
        }
        int used = window.stream().mapToInt(Use::units).sum();
        if (used + units > limit) {
            refusals.merge(user, 1, Integer::sum);
            int toFree = used + units - limit;
            for (Use use : window) {
                toFree -= use.units();
                if (toFree <= 0) {
                    return Optional.of(use.at().plus(WINDOW));
                }
            }
            return Optional.of(now.plus(WINDOW));
        }
        window.addLast(new Use(now, units));
        totals.merge(user, (long) units, Long::sum);
        return Optional.empty();
    }

    /** Units charged to {@code user} in the sliding minute ending now. */
    public synchronized int unitsInLastMinute(String user) {
        Instant now = clock.instant();
        return uses.getOrDefault(user, new ArrayDeque<>()).stream()
                .filter(u -> u.at().plus(WINDOW).isAfter(now)).mapToInt(Use::units).sum();
    }

    /** Units charged to {@code user} since the double started. */
    public synchronized long totalUnits(String user) {
        return totals.getOrDefault(user, 0L);
    }

    /** Requests of {@code user} refused for exceeding the limit. */
    public synchronized int refusals(String user) {
        return refusals.getOrDefault(user, 0);
    }
}
