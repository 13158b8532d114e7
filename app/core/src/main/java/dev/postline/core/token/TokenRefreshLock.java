package dev.postline.core.token;

import java.time.Duration;
import java.util.Optional;

/**
 * Cluster-wide mutual exclusion for refreshing one touchpoint's token: only the holder redeems the
 * refresh token, so a rotating provider never sees the same refresh token twice (which Microsoft
 * may treat as replay). In-process for one node; Redis ({@code SET NX PX}) when clustered. The
 * lease expires after {@code ttl} so a node that dies mid-refresh does not block the others.
 */
public interface TokenRefreshLock {

    /** Setting this (e.g. {@code redis://127.0.0.1:6379}) makes the refresh lock cluster-wide. */
    String REDIS_URI_PROPERTY = "postline.redis.uri";

    /** Waits up to {@code wait} for the lock of {@code key}; empty if another holder kept it that long. */
    Optional<Lease> acquire(String key, Duration ttl, Duration wait) throws InterruptedException;

    /** A held lock; closing releases it (only if still ours). */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
