package dev.postline.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.WaitOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Waiting for mail. Bounds are generous on purpose (a loaded CI machine must not fail them);
 * latency targets belong in benchmarks.
 */
public interface WaitContract {

    /** How soon after an arrival a waiting session must wake up. */
    Duration WAKE_UP_BOUND = Duration.ofSeconds(10);

    ConnectorUnderTest connector();

    @Test
    default void waitingShouldWakeUpSoonAfterANewArrival() throws Exception {
        try (ConnectorSession session = connector().openSession();
             ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor()) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            AtomicReference<Instant> deliveredAt = new AtomicReference<>();
            // The arrival must happen while the session is already waiting, hence the delay.
            later.schedule(() -> {
                deliveredAt.set(Instant.now());
                connector().deliver(MimeCorpus.numbered(1, 0));
            }, 1500, TimeUnit.MILLISECONDS);

            WaitOutcome outcome = session.awaitChanges(cursor, Instant.now().plusSeconds(60));
            Instant wokeAt = Instant.now();

            assertThat(outcome).isEqualTo(WaitOutcome.CHANGED);
            assertThat(deliveredAt.get()).as("woke up before anything arrived").isNotNull();
            assertThat(Duration.between(deliveredAt.get(), wokeAt)).isLessThan(WAKE_UP_BOUND);
            assertThat(Fetching.messageIds(session.fetch(cursor, 10).messages())).containsExactly("<tck-1@postline.test>");
        }
    }

    @Test
    default void waitingShouldReturnAtOnceWhenMailIsAlreadyWaiting() throws Exception {
        try (ConnectorSession session = connector().openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            connector().deliver(MimeCorpus.numbered(1, 0));
            Instant start = Instant.now();

            assertThat(session.awaitChanges(cursor, start.plusSeconds(60))).isEqualTo(WaitOutcome.CHANGED);
            assertThat(Duration.between(start, Instant.now())).isLessThan(WAKE_UP_BOUND);
        }
    }

    @Test
    default void waitingShouldTimeOutAtTheDeadlineWhenNothingArrives() throws Exception {
        try (ConnectorSession session = connector().openSession()) {
            SyncCursor cursor = session.initialCursor(InitialSync.fromNow());
            Instant deadline = Instant.now().plusSeconds(2);

            assertThat(session.awaitChanges(cursor, deadline)).isEqualTo(WaitOutcome.TIMEOUT);
            assertThat(Instant.now()).isAfterOrEqualTo(deadline.minusMillis(100)).isBefore(deadline.plus(WAKE_UP_BOUND));
        }
    }
}
