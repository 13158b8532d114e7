package dev.postline.core.sync;

import dev.postline.connectors.api.FailureKind;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter, so a provider outage does not end in a synchronized stampede.
 *
 * <p>Two ceilings. A network failure of a touchpoint that was syncing until recently (an outage, a
 * server restart) waits at most {@code networkMax}, so mail flows again soon after the server is
 * back. Anything else — a touchpoint that never connected, other failures, or an outage older than
 * {@link #RECENT} — waits up to {@code max}, so a server that is gone for good is not hammered.
 */
final class Backoff {

    /** How long after the last successful sync a network failure still counts as an outage of a healthy touchpoint. */
    static final Duration RECENT = Duration.ofHours(1);

    private static final Duration BASE = Duration.ofSeconds(1);

    private final Duration max;
    private final Duration networkMax;
    private final Clock clock;
    private final RandomGenerator random;
    private int failures;
    private Instant lastSuccess;

    Backoff(Duration max, Duration networkMax, Clock clock, RandomGenerator random) {
        this.max = max;
        this.networkMax = networkMax.compareTo(max) < 0 ? networkMax : max;
        this.clock = clock;
        this.random = random;
    }

    /** The pause before the next attempt after a failure of {@code kind} (null: not a connector failure). */
    Duration next(@Nullable FailureKind kind) {
        failures = Math.min(failures + 1, 20);
        Duration cap = kind == FailureKind.NETWORK && recentlyHealthy() ? networkMax : max;
        long ceiling = Math.max(1, Math.min(cap.toMillis(), BASE.toMillis() << Math.min(failures, 16)));
        return Duration.ofMillis(random.nextLong(ceiling / 2, ceiling + 1));
    }

    /** A sync succeeded now: the next failure starts from the shortest pause again. */
    void succeeded() {
        succeededAt(clock.instant());
    }

    /** A sync succeeded at {@code at} (a loop restarted with the touchpoint's recorded last success). */
    void succeededAt(Instant at) {
        failures = 0;
        if (lastSuccess == null || at.isAfter(lastSuccess)) {
            lastSuccess = at;
        }
    }

    private boolean recentlyHealthy() {
        return lastSuccess != null && lastSuccess.plus(RECENT).isAfter(clock.instant());
    }
}
