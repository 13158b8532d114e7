package dev.postline.core.lifecycle;

import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.sync.RetryNow;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.ConnectionStates;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.StateChange;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointHealth;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import dev.postline.core.vault.SecretStore;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What admins do about a touchpoint's connection: reconnect a lost one now, re-authenticate an
 * expired one (same mailbox only, the new login verified before it is kept), and read its history
 * and lifecycle status. After either, the sync resumes from its stored cursor, so mail that
 * arrived meanwhile is ingested once.
 */
@Singleton
public class TouchpointLifecycle {

    /** A new password for the same mailbox; {@code username}/{@code address}, when sent, must be the stored ones. */
    @Serdeable
    public record Reauthentication(String password, @Nullable String username, @Nullable String address) {
        @Override
        public String toString() {
            return "Reauthentication[password=<redacted>, username=" + username + ", address=" + address + "]";
        }
    }

    /** The lifecycle facts of one touchpoint shown with it. */
    public record Status(@Nullable Instant connectedSince, @Nullable Instant predictedAuthorizationEnd, String authorizationBasis) {}

    private final TouchpointRepository touchpoints;
    private final TouchpointSettingsCodec settingsCodec;
    private final ConnectionStates states;
    private final ConnectorSessions sessions;
    private final SecretStore secrets;
    private final AuthorizationHorizons horizons;
    private final ApplicationEventPublisher<RetryNow> retry;
    private final TenantTransactions tx;

    public TouchpointLifecycle(TouchpointRepository touchpoints, TouchpointSettingsCodec settingsCodec, ConnectionStates states,
                               ConnectorSessions sessions, SecretStore secrets, AuthorizationHorizons horizons,
                               ApplicationEventPublisher<RetryNow> retry, TenantTransactions tx) {
        this.touchpoints = touchpoints;
        this.settingsCodec = settingsCodec;
        this.states = states;
        this.sessions = sessions;
        this.secrets = secrets;
        this.horizons = horizons;
        this.retry = retry;
        this.tx = tx;
    }

    /** CONNECTION_LOST only: the sync tries again now instead of after its backoff. */
    public void reconnect(TenantId tenant, UUID touchpointId, @Nullable UUID actor) {
        Touchpoint t = find(tenant, touchpointId);
        if (t.connectionState() != ConnectionState.CONNECTION_LOST) {
            throw ApiException.conflict("only a touchpoint whose connection is lost can be reconnected (it is "
                    + t.connectionState() + (t.connectionState() == ConnectionState.EXPIRED ? "; re-authenticate it instead)" : ")"));
        }
        states.adminAction(tenant, t, actor, "reconnect requested by an admin");
        retry.publishEvent(new RetryNow(touchpointId));
    }

    /**
     * EXPIRED (or EXPIRING) password touchpoints: checks the new password with the provider first,
     * refuses a different mailbox, then stores it; an EXPIRED touchpoint becomes PENDING and syncs
     * again from its stored cursor. Nothing changes when any check fails.
     */
    public void reauthenticate(TenantId tenant, UUID touchpointId, Reauthentication request, @Nullable UUID actor) {
        InputCheck in = InputCheck.start();
        in.check(request.password() != null && !request.password().isEmpty() && request.password().length() <= 1000,
                "password", "is required (at most 1000 characters)");
        in.optionalText("username", request.username(), 254);
        in.optionalText("address", request.address(), 254);
        in.orThrow();
        Touchpoint t = find(tenant, touchpointId);
        Map<String, String> settings = settingsCodec.read(t.settings());
        requireSameMailbox(t, settings, request);
        if (t.connectionState() != ConnectionState.EXPIRED && t.connectionState() != ConnectionState.EXPIRING) {
            throw ApiException.conflict("re-authentication is for EXPIRED or EXPIRING touchpoints (it is " + t.connectionState()
                    + (t.connectionState() == ConnectionState.CONNECTION_LOST ? "; use reconnect)" : ")"));
        }
        if (t.connectorKind() != ConnectorKind.IMAP || "xoauth2".equals(settings.get("auth"))) {
            throw ApiException.conflict("this touchpoint authorizes with OAuth; re-authenticate it through the provider's consent");
        }
        VerifyResult verified = sessions.verifyPassword(t, request.password())
                .orElseThrow(() -> ApiException.conflict("no connector for " + t.connectorKind().wireName() + " is installed"));
        if (!verified.ok()) {
            boolean refusedLogin = verified.checks().stream().anyMatch(c -> !c.ok() && c.failure()
                    .filter(k -> k == FailureKind.AUTH_REVOKED || k == FailureKind.AUTH_TRANSIENT).isPresent());
            if (refusedLogin) {
                throw ApiException.invalid("password", "the mail server did not accept this login (" + verified.message()
                        + "); nothing was changed");
            }
            throw new ApiException(HttpStatus.CONFLICT, "the login could not be verified (" + verified.message()
                    + "); nothing was changed, try again");
        }
        tx.write(tenant, () -> {
            Touchpoint current = find(tenant, touchpointId);
            secrets.put(tenant, touchpointId, TouchpointService.PASSWORD_FIELD, request.password());
            ConnectionState target = current.connectionState() == ConnectionState.EXPIRED ? ConnectionState.PENDING
                    : current.connectionState() == ConnectionState.EXPIRING ? ConnectionState.CONNECTED : current.connectionState();
            if (target == current.connectionState()) {
                states.adminAction(tenant, current, actor, "re-authenticated with a new password");
            } else {
                states.adminMove(tenant, current, target, actor, "re-authenticated with a new password");
            }
        });
        retry.publishEvent(new RetryNow(touchpointId));
    }

    public List<StateChange> history(TenantId tenant, UUID touchpointId) {
        find(tenant, touchpointId);
        return states.history(tenant, touchpointId);
    }

    public Status status(TenantId tenant, Touchpoint t) {
        Optional<TouchpointHealth> health = states.health(tenant, t.id());
        Horizon horizon = tx.read(tenant, () -> horizons.predict(tenant, t));
        return new Status(health.map(TouchpointHealth::connectedSince).orElse(null), horizon.predictedEnd().orElse(null),
                horizon.basis());
    }

    private static void requireSameMailbox(Touchpoint t, Map<String, String> settings, Reauthentication request) {
        String username = settings.getOrDefault("username", t.address());
        if (request.username() != null && !same(request.username(), username)) {
            throw ApiException.conflict("re-authentication must be for the same mailbox (user name " + username
                    + "); to use another mailbox, create a new touchpoint. Nothing was changed.");
        }
        if (request.address() != null && !same(request.address(), t.address())) {
            throw ApiException.conflict("re-authentication must be for the same mailbox (" + t.address()
                    + "); to use another mailbox, create a new touchpoint. Nothing was changed.");
        }
    }

    private static boolean same(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    private Touchpoint find(TenantId tenant, UUID id) {
        return tx.read(tenant, () -> touchpoints.findByTenantIdAndId(tenant.value(), id))
                .orElseThrow(() -> ApiException.notFound("touchpoint"));
    }
}
