package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.core.sync.SyncState;
import io.micronaut.core.annotation.Nullable;

/**
 * How far the initial import has come: fetched of (fetched + remaining), when the provider says
 * what remains. {@code known} is false before the first batch or when the provider cannot tell.
 */
public record SyncProgress(boolean known, long fetched, long total, int percent) {

    static SyncProgress of(@Nullable SyncState state) {
        if (state == null || state.remaining() == null) {
            return new SyncProgress(false, state == null ? 0 : state.fetched(), 0, 0);
        }
        long total = state.fetched() + state.remaining();
        int percent = total == 0 ? 100 : (int) Math.min(100, state.fetched() * 100 / total);
        return new SyncProgress(true, state.fetched(), total, percent);
    }

    /** Still importing: the page keeps itself fresh. */
    public boolean running() {
        return known && fetched < total;
    }
}
