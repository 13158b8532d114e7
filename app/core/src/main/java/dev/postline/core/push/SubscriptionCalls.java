package dev.postline.core.push;

import dev.postline.connectors.api.ChangeSubscriptions;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.touchpoint.Touchpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call about a touchpoint's subscription on a fresh session of its connector, and remembers
 * failures: a touchpoint whose call failed is left alone for {@code retry-after-failure}, or as long
 * as the provider asked ({@code THROTTLED}), so a broken endpoint or a throttled mailbox is not asked
 * again every check. Failures are logged with the connector's reason, which never holds a secret.
 * Each keeper (Graph subscriptions, Gmail watches) has its own, with its own retry pause.
 */
class SubscriptionCalls {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionCalls.class);

    interface Call<T> {
        Optional<T> with(ChangeSubscriptions subscriptions) throws ConnectorException;
    }

    private final ConnectorSessions sessions;
    private final Duration retryAfterFailure;
    private final Clock clock;
    private final Map<UUID, Instant> leftAloneUntil = new ConcurrentHashMap<>();

    SubscriptionCalls(ConnectorSessions sessions, Duration retryAfterFailure, Clock clock) {
        this.sessions = sessions;
        this.retryAfterFailure = retryAfterFailure;
        this.clock = clock;
    }

    /** The call's result; empty when the connector offers no subscriptions or the call failed. */
    <T> Optional<T> run(Touchpoint t, String doing, Call<T> call) {
        Optional<Supplier<ConnectorSession>> factory = sessions.forTouchpoint(t);
        if (factory.isEmpty()) {
            return Optional.empty();
        }
        try (ConnectorSession session = factory.get().get()) {
            if (!(session instanceof ChangeSubscriptions subscriptions)) {
                return Optional.empty();
            }
            return call.with(subscriptions);
        } catch (ConnectorException e) {
            Duration pause = e.kind() == FailureKind.THROTTLED
                    ? e.retryAfter().orElse(retryAfterFailure) : retryAfterFailure;
            leaveAlone(t.id(), pause);
            LOG.warn("Change subscription of touchpoint {} could not be {} ({}); the poll goes on, next attempt in {}",
                    t.id(), doing, e.getMessage(), pause);
            return Optional.empty();
        }
    }

    void leaveAlone(UUID touchpointId, Duration pause) {
        leftAloneUntil.put(touchpointId, clock.instant().plus(pause));
    }

    boolean resting(UUID touchpointId) {
        Instant until = leftAloneUntil.get(touchpointId);
        if (until == null) {
            return false;
        }
        if (clock.instant().isBefore(until)) {
            return true;
        }
        leftAloneUntil.remove(touchpointId, until);
        return false;
    }
}
