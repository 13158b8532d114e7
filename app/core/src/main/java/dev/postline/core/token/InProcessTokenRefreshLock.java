package dev.postline.core.token;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The single-node lock: one permit per key. The TTL does not apply (a thread of this process cannot
 * die without the process). Used unless Redis coordination is configured.
 */
@Singleton
@Requires(missingProperty = TokenRefreshLock.REDIS_URI_PROPERTY)
public class InProcessTokenRefreshLock implements TokenRefreshLock {

    private final ConcurrentMap<String, Semaphore> permits = new ConcurrentHashMap<>();

    @Override
    public Optional<Lease> acquire(String key, Duration ttl, Duration wait) throws InterruptedException {
        Semaphore permit = permits.computeIfAbsent(key, k -> new Semaphore(1));
        if (!permit.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return Optional.of(() -> {
            if (held.compareAndSet(true, false)) {
                permit.release();
            }
        });
    }
}
