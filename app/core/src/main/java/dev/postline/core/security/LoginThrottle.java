package dev.postline.core.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down. After {@code max-failures} wrong passwords for one sign-in name
 * (tenant + email) within {@code window}, that name is refused for {@code lockout} WITHOUT the
 * password being checked — the right one included — and the caller is told when to try again.
 * Names are counted whether or not the account exists, so a refusal reveals nothing about which
 * accounts exist. A successful sign-in clears the count; a lockout that runs out starts a new window.
 *
 * <p>Counts live in this process and are bounded ({@link #MAX_NAMES}; when full, entries whose
 * window has passed are dropped first, then the map is cleared rather than grown). With several
 * instances behind a balancer each counts on its own (README, Limits).
 */
@Singleton
public class LoginThrottle {

    static final int MAX_NAMES = 100_000;

    private record Attempts(int failures, Instant windowStart, Instant lockedUntil) {}

    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;

    public LoginThrottle(Clock clock,
                         @Value("${postline.security.login.max-failures:10}") int maxFailures,
                         @Value("${postline.security.login.window:15m}") Duration window,
                         @Value("${postline.security.login.lockout:15m}") Duration lockout) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
    }

    /** The sign-in name a tenant user or the operator (no tenant) is counted under. */
    public static String name(String tenantSlug, String email) {
        return (tenantSlug == null ? "" : tenantSlug.strip().toLowerCase(Locale.ROOT)) + "\n" + email.strip().toLowerCase(Locale.ROOT);
    }

    /** How long {@code name} must still wait, if it is locked out now. */
    public Optional<Duration> lockedFor(String name) {
        Attempts a = attempts.get(name);
        Instant now = clock.instant();
        if (a == null || a.lockedUntil() == null || !now.isBefore(a.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, a.lockedUntil()));
    }

    /** Counts a wrong password; the failure that reaches the limit starts the lockout. */
    public void failed(String name) {
        Instant now = clock.instant();
        if (attempts.size() >= MAX_NAMES && !attempts.containsKey(name)) {
            attempts.values().removeIf(a -> expired(a, now));
            if (attempts.size() >= MAX_NAMES) {
                attempts.clear();
            }
        }
        attempts.compute(name, (key, a) -> {
            if (a == null || expired(a, now)) {
                a = new Attempts(0, now, null);
            }
            int failures = a.failures() + 1;
            return new Attempts(failures, a.windowStart(), failures >= maxFailures ? now.plus(lockout) : null);
        });
    }

    public void succeeded(String name) {
        attempts.remove(name);
    }

    private boolean expired(Attempts a, Instant now) {
        return a.lockedUntil() != null ? !now.isBefore(a.lockedUntil()) : !now.isBefore(a.windowStart().plus(window));
    }
}
