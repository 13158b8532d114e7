package dev.postline.connectors.graphdouble;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults armed for the next requests of a kind; each fires a set number of times, in arming order. */
final class FaultPlan {

    private record Armed(RequestKind kind, Fault fault, AtomicInteger remaining) {
    }

    private final Queue<Armed> armed = new ConcurrentLinkedQueue<>();

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
    }
}
