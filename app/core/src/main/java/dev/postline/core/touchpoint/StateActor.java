package dev.postline.core.touchpoint;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/** Who caused a state change: the cause and, for admin actions, the user. */
public record StateActor(StateCause cause, @Nullable UUID userId) {

    public static final StateActor SYNC = new StateActor(StateCause.SYNC, null);
    public static final StateActor SYSTEM = new StateActor(StateCause.SYSTEM, null);

    public static StateActor admin(@Nullable UUID userId) {
        return new StateActor(StateCause.ADMIN, userId);
    }
}
