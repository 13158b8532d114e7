package dev.postline.connectors.graphdouble;

import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults armed for the next requests of a kind; each fires a set number of times, in arming order. */
final class FaultPlan {

    private record Armed(RequestKind kind, Fault fault, AtomicInteger remaining) {
    }

    private final Queue<Armed> armed = new ConcurrentLinkedQueue<>();
    private final Map<String, Fault> unservable = new ConcurrentHashMap<>();

    /** Every MIME download of {@code messageId} gets {@code fault} until cleared. */
    void failMessage(String messageId, Fault fault) {
        unservable.put(messageId, fault);
    }

    /** The standing fault of the message whose MIME a request downloads, if any. */
    Optional<Fault> forMessageContent(RequestKind kind, java.util.List<String> segments) {
        if (kind != RequestKind.MIME_CONTENT || segments.size() < 3) {
            return Optional.empty();
        }
        return Optional.ofNullable(unservable.get(segments.get(segments.size() - 2)));
    }

    void arm(RequestKind kind, Fault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        armed.add(new Armed(kind, fault, new AtomicInteger(times)));
    }

    /** The fault for this request, if one is armed for its kind ({@code null} kind = any request). */
    Optional<Fault> take(RequestKind kind) {
        for (Armed a : armed) {
            if ((a.kind() == null || a.kind() == kind) && a.remaining().getAndDecrement() > 0) {
                if (a.remaining().get() <= 0) {
                    armed.remove(a);
                }
                return Optional.of(a.fault());
            }
        }
        return Optional.empty();
    }

    void clear() {
        armed.clear();
        unservable.clear();
    }
}
