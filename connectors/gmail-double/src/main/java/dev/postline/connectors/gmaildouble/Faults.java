package dev.postline.connectors.gmaildouble;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Faults armed by a test; each is answered once, to the next request of its endpoint, in order. A
 * message can also be made unservable ({@link #failMessage}): every {@code users.messages.get} of it
 * answers the fault while other messages are served, as Gmail does with a message its backend cannot
 * read ({@code 500 backendError} for that id only).
 */
public final class Faults {

    private final Map<Endpoint, Deque<Fault>> armed = new EnumMap<>(Endpoint.class);
    private final Map<String, Fault> unservable = new HashMap<>();

    /** Every {@code users.messages.get} of {@code messageId} gets {@code fault}, until {@link #clear()}. */
    public synchronized Faults failMessage(String messageId, Fault fault) {
        unservable.put(messageId, fault);
        return this;
    }

    /** The next {@code times} requests to {@code endpoint} get {@code fault}. */
    public synchronized Faults next(Endpoint endpoint, Fault fault, int times) {
        Deque<Fault> queue = armed.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
        return this;
    }

    public Faults next(Endpoint endpoint, Fault fault) {
        return next(endpoint, fault, 1);
    }

    /** The next request to any endpoint gets {@code fault}. */
    public synchronized Faults nextOnEveryEndpoint(Fault fault) {
        for (Endpoint e : Endpoint.values()) {
            next(e, fault, 1);
        }
        return this;
    }

    public synchronized void clear() {
        armed.clear();
        unservable.clear();
    }

    synchronized Optional<Fault> forMessage(String messageId) {
        return Optional.ofNullable(unservable.get(messageId));
    }

    synchronized Optional<Fault> take(Endpoint endpoint) {
        Deque<Fault> queue = armed.get(endpoint);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
    }
}
