package dev.postline.tenantadmin.web;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages write a point in time: minutes, UTC, unambiguous. */
public final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {}

    public static String format(@Nullable Instant instant, String whenAbsent) {
        return instant == null ? whenAbsent : FORMAT.format(instant);
    }
}
