package dev.postline.connectors.graphdouble;

import java.time.Instant;
import java.util.Optional;

/**
 * The options of an initial delta request that Graph encodes into every following nextLink and
 * deltaLink: the folder, the only supported {@code $filter} ({@code receivedDateTime ge|gt}) and the
 * {@code changeType} custom option.
 */
record DeltaQuery(String folder, Optional<Instant> receivedAfter, boolean strictlyAfter, Optional<String> changeType) {

    boolean admits(GraphMessage message) {
        return receivedAfter.map(t -> strictlyAfter
                ? message.receivedDateTime().isAfter(t)
                : !message.receivedDateTime().isBefore(t)).orElse(true);
    }

    boolean admits(ChangeKind kind) {
        return changeType.map(t -> t.equalsIgnoreCase(kind.changeType())).orElse(true);
    }
}
