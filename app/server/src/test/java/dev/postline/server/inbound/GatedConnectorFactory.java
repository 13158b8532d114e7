package dev.postline.server.inbound;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.ImapCursor;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.ValidationResult;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.connectors.api.WaitOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test connector (kind {@code forwarding}, which has no real connector yet) whose first login
 * waits at a gate, so a test can count how many touchpoints log in at the same time.
 */
public final class GatedConnectorFactory implements ConnectorFactory {

    static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();
    static volatile CountDownLatch gate = new CountDownLatch(1);

    @Override
    public String kind() {
        return "forwarding";
    }

    @Override
    public List<SettingField> settingFields() {
        return List.of();
    }

    @Override
    public ValidationResult validate(Map<String, String> settings) {
        return new ValidationResult.Builder().build();
    }

    @Override
    public ConnectorSession open(SessionContext ctx) {
        return new ConnectorSession() {
            private final CountDownLatch closed = new CountDownLatch(1);

            @Override
            public VerifyResult verify() {
                throw new UnsupportedOperationException();
            }

            @Override
            public SyncCursor initialCursor(InitialSync start) throws ConnectorException {
                int now = IN_FLIGHT.incrementAndGet();
                MAX_IN_FLIGHT.accumulateAndGet(now, Math::max);
                try {
                    if (!gate.await(20, TimeUnit.SECONDS)) {
                        throw new ConnectorException(FailureKind.NETWORK, "gate never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    IN_FLIGHT.decrementAndGet();
                }
                return new ImapCursor(1, 0, null);
            }

            @Override
            public FetchBatch fetch(SyncCursor since, int maxMessages) {
                return new FetchBatch(List.of(), since, false);
            }

            @Override
            public WaitOutcome awaitChanges(SyncCursor since, Instant deadline) {
                try {
                    closed.await(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return WaitOutcome.TIMEOUT;
            }

            @Override
            public SendResult send(OutboundMessage message) throws ConnectorException {
                throw new ConnectorException(FailureKind.PERMANENT, "the gated test connector sends nothing");
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
    }
}
