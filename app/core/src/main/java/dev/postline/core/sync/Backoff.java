package dev.postline.core.sync;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, so a provider outage does not end in a synchronized stampede. */
final class Backoff {

    private static final Duration BASE = Duration.ofSeconds(1);

    private final Duration max;
    private int failures;

    Backoff(Duration max) {
        this.max = max;
    }

    Duration next() {
        failures = Math.min(failures + 1, 20);
        long ceiling = Math.min(max.toMillis(), BASE.toMillis() << Math.min(failures, 16));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    void reset() {
        failures = 0;
    }
}
