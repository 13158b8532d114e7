package dev.postline.core.outbound;

import dev.postline.connectors.api.ConnectorSession;
import dev.postline.core.touchpoint.Touchpoint;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Connector sessions the outbox keeps open between rounds, so a backlog is sent over a few long-lived
 * connections instead of one login per round. A session is lent to one lane at a time (sessions are
 * not thread-safe), is keyed by the touchpoint as last changed (a settings change opens new ones),
 * and is closed after idling.
 */
final class OutboxSessions implements AutoCloseable {

    private record Key(UUID touchpointId, Instant version) {}

    private record Idle(Key key, ConnectorSession session, long since) {}

    private final long maxIdleNanos;
    private final Map<Key, Deque<Idle>> idle = new HashMap<>();

    OutboxSessions(java.time.Duration maxIdle) {
        this.maxIdleNanos = maxIdle.toNanos();
    }

    ConnectorSession borrow(Touchpoint touchpoint, Supplier<ConnectorSession> open) {
        synchronized (this) {
            Deque<Idle> sessions = idle.get(key(touchpoint));
            if (sessions != null && !sessions.isEmpty()) {
                return sessions.pop().session();
            }
        }
        return open.get();
    }

    synchronized void giveBack(Touchpoint touchpoint, ConnectorSession session) {
        Key key = key(touchpoint);
        idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(new Idle(key, session, System.nanoTime()));
    }

    /** Closes sessions idle for longer than allowed, and those of touchpoints changed since. */
    void closeIdle() {
        List<ConnectorSession> expired = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            idle.values().forEach(sessions -> sessions.removeIf(s -> {
                boolean old = now - s.since() > maxIdleNanos;
                if (old) {
                    expired.add(s.session());
                }
                return old;
            }));
            idle.values().removeIf(Deque::isEmpty);
        }
        expired.forEach(ConnectorSession::close);
    }

    @Override
    public void close() {
        List<ConnectorSession> all = new ArrayList<>();
        synchronized (this) {
            idle.values().forEach(sessions -> sessions.forEach(s -> all.add(s.session())));
            idle.clear();
        }
        all.forEach(ConnectorSession::close);
    }

    private static Key key(Touchpoint t) {
        return new Key(t.id(), t.updatedAt());
    }
}
