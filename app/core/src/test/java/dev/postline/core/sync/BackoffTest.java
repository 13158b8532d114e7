package dev.postline.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.api.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue #13 item 18: after an outage of a healthy touchpoint the reconnect waits at most the network cap. */
class BackoffTest {

    static final Duration MAX = Duration.ofMinutes(5);
    static final Duration NETWORK_MAX = Duration.ofSeconds(30);

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T10:00:00Z"));

    /** Always the top of the jitter range: the longest wait the policy allows. */
    static final RandomGenerator LONGEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long origin, long bound) {
            return bound - 1;
        }
    };

    Backoff backoff() {
        return new Backoff(MAX, NETWORK_MAX, clock, LONGEST);
    }

    @Test
    void networkFailuresOfAHealthyTouchpointWaitAtMostTheNetworkCap() {
        Backoff backoff = backoff();
        backoff.succeeded();

        List<Duration> waits = waits(backoff, FailureKind.NETWORK, 12);

        assertThat(waits).startsWith(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));
        assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(NETWORK_MAX));
        assertThat(waits.getLast()).isEqualTo(NETWORK_MAX);
    }

    @Test
    void aTouchpointThatNeverSyncedBacksOffToTheLongCap() {
        List<Duration> waits = waits(backoff(), FailureKind.NETWORK, 12);

        assertThat(waits.getLast()).isEqualTo(MAX);
    }

    @ParameterizedTest
    @EnumSource(value = FailureKind.class, names = {"AUTH_TRANSIENT", "PERMANENT", "CURSOR_INVALID"})
    void otherFailuresOfAHealthyTouchpointBackOffToTheLongCap(FailureKind kind) {
        Backoff backoff = backoff();
        backoff.succeeded();

        assertThat(waits(backoff, kind, 12).getLast()).isEqualTo(MAX);
    }

    @Test
    void anOutageOlderThanAnHourGoesBackToTheLongCap() {
        Backoff backoff = backoff();
        backoff.succeeded();
        clock.advance(Backoff.RECENT.minusSeconds(1));
        for (int i = 0; i < 12; i++) {
            backoff.next(FailureKind.NETWORK);
        }
        assertThat(backoff.next(FailureKind.NETWORK)).isEqualTo(NETWORK_MAX);

        clock.advance(Duration.ofSeconds(1));

        assertThat(backoff.next(FailureKind.NETWORK)).isEqualTo(MAX);
    }

    @Test
    void aSuccessStartsTheNextOutageFromTheShortestPause() {
        Backoff backoff = backoff();
        backoff.succeeded();
        waits(backoff, FailureKind.NETWORK, 12);

        backoff.succeeded();

        assertThat(backoff.next(FailureKind.NETWORK)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aLoopRestartedDuringAnOutageRemembersTheRecordedSuccess() {
        Backoff backoff = backoff();
        backoff.succeededAt(clock.instant().minus(Duration.ofMinutes(10)));

        assertThat(waits(backoff, FailureKind.NETWORK, 12).getLast()).isEqualTo(NETWORK_MAX);
    }

    @Test
    void jitterStaysWithinHalfToAllOfTheCeiling() {
        Backoff backoff = new Backoff(MAX, NETWORK_MAX, clock, RandomGenerator.getDefault());
        backoff.succeeded();
        for (Duration wait : waits(backoff, FailureKind.NETWORK, 50).subList(10, 50)) {
            assertThat(wait).isBetween(NETWORK_MAX.dividedBy(2), NETWORK_MAX);
        }
    }

    private List<Duration> waits(Backoff backoff, FailureKind kind, int n) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Duration wait = backoff.next(kind);
            waits.add(wait);
            clock.advance(wait);
        }
        return waits;
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
