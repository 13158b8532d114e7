package dev.postline.tenantadmin.web.touchpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.postline.core.touchpoint.ConnectionState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusBadgeTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void anExpiringBadgeCountsThePartOfADayLeftAsADay() {
        assertEquals("Expiring in 4 days", label(NOW.plus(Duration.ofDays(3).plusHours(1))));
        assertEquals("Expiring in 3 days", label(NOW.plus(Duration.ofDays(3))));
        assertEquals("Expiring in 1 day", label(NOW.plus(Duration.ofHours(5))));
        assertEquals("Expiring today", label(NOW.plus(Duration.ofMinutes(20))));
        assertEquals("Expiring today", label(NOW.minus(Duration.ofHours(2))), "an end just passed, before the watch expires it");
    }

    @Test
    void anExpiringBadgeWithoutAPredictedEndSaysSoWithoutANumber() {
        assertEquals("Expiring", label(null));
        assertEquals("warn", StatusBadge.of(ConnectionState.EXPIRING, null, NOW).tone());
    }

    @Test
    void otherStatesIgnoreThePredictedEnd() {
        assertEquals("Connected", StatusBadge.of(ConnectionState.CONNECTED, NOW.plus(Duration.ofDays(2)), NOW).label());
        assertEquals("Expired", StatusBadge.of(ConnectionState.EXPIRED, NOW.plus(Duration.ofDays(2)), NOW).label());
    }

    private static String label(Instant end) {
        return StatusBadge.of(ConnectionState.EXPIRING, end, NOW).label();
    }
}
