package dev.postline.core.touchpoint;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.lifecycle.LifecycleSettings;
import dev.postline.core.notification.NotificationKind;
import dev.postline.core.notification.Notifications;
import dev.postline.core.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The connection state machine of touchpoints (DESIGN.md, "Connection and token lifecycle"). Every
 * move goes through here and is written together with its history entry, the hysteresis counters
 * and the admins' notifications, in one transaction. Moves are compare-and-set on the stored state,
 * so a sync report, an admin action and the authorization watch racing each other cannot undo one
 * another.
 *
 * <pre>
 * PENDING ─sync ok→ CONNECTED ─end within 14 days→ EXPIRING ─end passed / revoked→ EXPIRED
 *    │                 ⇅ failing ≥ grace or N times        │                        │
 *    └──────────→ CONNECTION_LOST ←────────────────────────┘            re-auth → PENDING
 * any ─admin deactivates→ DISABLED ─admin activates→ PENDING
 * </pre>
 *
 * Notices: entering CONNECTION_LOST or EXPIRED opens an incident and alerts once (per incident and
 * state); the first CONNECTED after it closes the incident with one "recovered" notice.
 */
@Singleton
public class ConnectionStates {

    private final TouchpointRepository touchpoints;
    private final StateChangeRepository history;
    private final TouchpointHealthRepository health;
    private final Notifications notifications;
    private final LifecycleSettings settings;
    private final TenantTransactions tx;
    private final Clock clock;

    public ConnectionStates(TouchpointRepository touchpoints, StateChangeRepository history, TouchpointHealthRepository health,
                            Notifications notifications, LifecycleSettings settings, TenantTransactions tx, Clock clock) {
        this.touchpoints = touchpoints;
        this.history = history;
        this.health = health;
        this.notifications = notifications;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** A sync cycle succeeded: failures are forgotten; PENDING and CONNECTION_LOST become CONNECTED. */
    public void synced(TenantId tenant, UUID touchpointId) {
        tx.write(tenant, () -> find(tenant, touchpointId).ifPresent(t -> {
            TouchpointHealth h = healthOf(tenant, touchpointId);
            if (h.consecutiveFailures() > 0 || h.failingSince() != null) {
                health.update(h.healthy(clock.instant()));
            }
            if (t.enabled() && (t.connectionState() == ConnectionState.PENDING || t.connectionState() == ConnectionState.CONNECTION_LOST)) {
                move(tenant, t, ConnectionState.CONNECTED, StateActor.SYNC, "sync succeeded");
            }
        }));
    }

    /**
     * A sync attempt failed for a reason that may pass (network, throttling, a server hiccup). The
     * touchpoint is CONNECTION_LOST only once it has failed continuously for the grace period or
     * the configured number of times in a row; until then nothing visible changes.
     */
    public void syncFailed(TenantId tenant, UUID touchpointId, String safeReason) {
        tx.write(tenant, () -> find(tenant, touchpointId).ifPresent(t -> {
            Instant now = clock.instant();
            TouchpointHealth h = health.update(healthOf(tenant, touchpointId).failedOnce(now));
            boolean active = t.enabled() && switch (t.connectionState()) {
                case PENDING, CONNECTED, EXPIRING -> true;
                default -> false;
            };
            Duration failing = Duration.between(h.failingSince(), now);
            if (active && (h.consecutiveFailures() >= settings.getFailuresBeforeLost() || failing.compareTo(settings.getGracePeriod()) >= 0)) {
                move(tenant, t, ConnectionState.CONNECTION_LOST, StateActor.SYNC, "sync has failed " + h.consecutiveFailures()
                        + " times in a row for " + human(failing) + "; last error: " + safeReason);
            }
        }));
    }

    /** The provider revoked or rejected the authorization: EXPIRED at once, until an admin re-authenticates. */
    public void authorizationLost(TenantId tenant, UUID touchpointId, String safeReason) {
        expire(tenant, touchpointId, StateActor.SYNC, "the provider rejected the login: " + safeReason);
    }

    /** The predicted end of the authorization has passed (authorization watch). */
    public void authorizationEnded(TenantId tenant, UUID touchpointId, String basis) {
        expire(tenant, touchpointId, StateActor.SYSTEM, "the authorization has ended (" + basis + ")");
    }

    /**
     * The authorization ends within the warning window: CONNECTED (or PENDING) becomes EXPIRING and
     * admins get one re-authentication notice per predicted end (whatever the state).
     */
    public void authorizationEnding(TenantId tenant, UUID touchpointId, Instant end, String basis) {
        tx.write(tenant, () -> find(tenant, touchpointId).ifPresent(t -> {
            if (!t.enabled() || t.connectionState() == ConnectionState.EXPIRED || t.connectionState() == ConnectionState.DISABLED) {
                return;
            }
            String when = LocalDate.ofInstant(end, ZoneOffset.UTC).toString();
            if (t.connectionState() == ConnectionState.CONNECTED || t.connectionState() == ConnectionState.PENDING) {
                move(tenant, t, ConnectionState.EXPIRING, StateActor.SYSTEM, "the authorization ends on " + when + " (" + basis + ")");
            }
            notifications.raise(tenant, t.id(), NotificationKind.REAUTH_NEEDED, "reauth:" + t.id() + ":end:" + end.getEpochSecond(),
                    "Re-authentication needed soon: " + t.displayName(),
                    "The authorization of touchpoint " + t.displayName() + " <" + t.address() + "> ends on " + when + " (" + basis
                            + "). Re-authenticate it before then, or it stops receiving and sending mail.");
        }));
    }

    /** The authorization's end moved beyond the warning window (re-authenticated): EXPIRING becomes CONNECTED. */
    public void authorizationRenewed(TenantId tenant, UUID touchpointId) {
        tx.write(tenant, () -> find(tenant, touchpointId)
                .filter(t -> t.connectionState() == ConnectionState.EXPIRING)
                .ifPresent(t -> move(tenant, t, ConnectionState.CONNECTED, StateActor.SYSTEM, "the authorization was renewed")));
    }

    /** A periodic re-authentication check is due (e.g. every 14 days for Microsoft): one notice per period. */
    public void periodicCheckDue(TenantId tenant, UUID touchpointId, long period, Duration every, String basis) {
        tx.write(tenant, () -> find(tenant, touchpointId)
                .filter(t -> t.enabled() && t.connectionState() != ConnectionState.DISABLED)
                .ifPresent(t -> notifications.raise(tenant, t.id(), NotificationKind.REAUTH_NEEDED,
                        "reauth:" + t.id() + ":period:" + every.toDays() + "d:" + period,
                        "Periodic re-authentication check: " + t.displayName(),
                        "Touchpoint " + t.displayName() + " <" + t.address() + "> is due for its periodic authorization check ("
                                + basis + "). Make sure its authorization is still valid and re-authenticate it if asked.")));
    }

    /**
     * An admin's move (deactivate, activate, re-authenticate): joins the caller's transaction.
     *
     * @return the touchpoint as it is after the move
     */
    public Touchpoint adminMove(TenantId tenant, Touchpoint t, ConnectionState target, @Nullable UUID userId, String reason) {
        return tx.write(tenant, () -> {
            if (t.connectionState() == target) {
                return t;
            }
            move(tenant, t, target, StateActor.admin(userId), reason);
            return find(tenant, t.id()).orElseThrow();
        });
    }

    /** Records an admin action that does not itself move the state (e.g. "reconnect now"). */
    public void adminAction(TenantId tenant, Touchpoint t, @Nullable UUID userId, String reason) {
        tx.write(tenant, () -> history.save(new StateChange(UUID.randomUUID(), tenant.value(), t.id(), t.connectionState(),
                t.connectionState(), clock.instant(), reason, StateCause.ADMIN, userId)));
    }

    public List<StateChange> history(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> history.findByTenantIdAndTouchpointIdOrderByChangedAtDesc(tenant.value(), touchpointId));
    }

    public Optional<TouchpointHealth> health(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> health.findByTenantIdAndTouchpointId(tenant.value(), touchpointId));
    }

    private void expire(TenantId tenant, UUID touchpointId, StateActor actor, String reason) {
        tx.write(tenant, () -> find(tenant, touchpointId)
                .filter(t -> t.enabled() && t.connectionState() != ConnectionState.EXPIRED && t.connectionState() != ConnectionState.DISABLED)
                .ifPresent(t -> move(tenant, t, ConnectionState.EXPIRED, actor, reason)));
    }

    /** The one place a state moves: compare-and-set, history, counters, incident and notices. */
    private void move(TenantId tenant, Touchpoint t, ConnectionState target, StateActor actor, String reason) {
        Instant now = clock.instant();
        if (touchpoints.moveState(tenant.value(), t.id(), t.connectionState().name(), target.name(), now) != 1) {
            return; // someone else moved it first; their move stands
        }
        history.save(new StateChange(UUID.randomUUID(), tenant.value(), t.id(), t.connectionState(), target, now,
                clip(reason), actor.cause(), actor.userId()));
        TouchpointHealth h = healthOf(tenant, t.id());
        switch (target) {
            case CONNECTED -> {
                h = h.connectedAt(h.connectedSince() != null && t.connectionState() == ConnectionState.EXPIRING ? h.connectedSince() : now, now);
                if (h.incidentId() != null) {
                    notifications.raise(tenant, t.id(), NotificationKind.RECOVERED, "recovered:" + h.incidentId(),
                            "Connection recovered: " + t.displayName(),
                            "Touchpoint " + t.displayName() + " <" + t.address() + "> is connected again. Mail that arrived "
                                    + "meanwhile is being fetched now.");
                    h = h.withIncident(null, now);
                }
            }
            case CONNECTION_LOST, EXPIRED -> {
                UUID incident = h.incidentId() != null ? h.incidentId() : UUID.randomUUID();
                h = h.connectedAt(null, now).withIncident(incident, now);
                boolean lost = target == ConnectionState.CONNECTION_LOST;
                notifications.raise(tenant, t.id(), NotificationKind.CONNECTION_LOST, "incident:" + incident + ":" + target.name(),
                        (lost ? "Connection lost: " : "Re-authentication required: ") + t.displayName(),
                        "Touchpoint " + t.displayName() + " <" + t.address() + "> "
                                + (lost ? "cannot reach its mail server. Postline keeps retrying and will tell you when it recovers. "
                                        : "can no longer log in and has stopped; an admin must re-authenticate it. ")
                                + "Reason: " + reason);
            }
            case DISABLED -> h = h.healthy(now).connectedAt(null, now).withIncident(null, now);
            default -> h = h.connectedAt(target == ConnectionState.EXPIRING ? h.connectedSince() : null, now);
        }
        health.update(h);
    }

    private Optional<Touchpoint> find(TenantId tenant, UUID id) {
        return touchpoints.findByTenantIdAndId(tenant.value(), id);
    }

    private TouchpointHealth healthOf(TenantId tenant, UUID touchpointId) {
        return health.findByTenantIdAndTouchpointId(tenant.value(), touchpointId)
                .orElseGet(() -> health.save(TouchpointHealth.fresh(tenant.value(), touchpointId, clock.instant())));
    }

    private static String human(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String clip(String text) {
        return text.length() > 1000 ? text.substring(0, 999) + "…" : text;
    }
}
