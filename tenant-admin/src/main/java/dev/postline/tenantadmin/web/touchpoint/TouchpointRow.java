package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.core.lifecycle.TouchpointLifecycle;
import dev.postline.core.ringgroup.RingGroup;
import dev.postline.core.sync.SyncState;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.TouchpointService.TouchpointDetails;
import dev.postline.tenantadmin.web.Times;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One touchpoint as the list and detail pages show it. {@code reconnectable}: its connection is
 * lost (retry now); {@code reauthenticable}: its credential expired or expires soon;
 * {@code oauth}: it authorizes through a provider's consent, not a password.
 */
public record TouchpointRow(UUID id, String address, String displayName, String connector, String direction, boolean enabled,
                            StatusBadge badge, String connectedSince, String lastSync, List<String> ringGroups,
                            boolean reconnectable, boolean reauthenticable, boolean oauth) {

    public static TouchpointRow of(TouchpointDetails d, @Nullable SyncState sync, Map<UUID, RingGroup> groups,
                                   TouchpointLifecycle.Status status, Instant now) {
        var t = d.touchpoint();
        ConnectionState state = t.connectionState();
        return new TouchpointRow(t.id(), t.address(), t.displayName(), connectorLabel(t.connectorKind().wireName()),
                directionLabel(t.direction()), t.enabled(), StatusBadge.of(state, status.predictedAuthorizationEnd(), now),
                Times.format(status.connectedSince(), "—"),
                Times.format(sync == null ? null : sync.lastSuccessAt(), "never"),
                d.ringGroupIds().stream().map(groups::get).filter(Objects::nonNull).map(RingGroup::name).toList(),
                state == ConnectionState.CONNECTION_LOST,
                state == ConnectionState.EXPIRED || state == ConnectionState.EXPIRING,
                isOAuth(d));
    }

    /** Gmail and Microsoft 365 always; IMAP when it signs in with XOAUTH2. */
    public static boolean isOAuth(TouchpointDetails d) {
        String kind = d.touchpoint().connectorKind().wireName();
        return kind.equals("gmail") || kind.equals("graph") || "xoauth2".equals(d.settings().get("auth"));
    }

    /** The provider whose consent re-authorizes an OAuth touchpoint, for the button's words. */
    public static String providerName(TouchpointDetails d) {
        return switch (d.touchpoint().connectorKind().wireName()) {
            case "graph" -> "Microsoft";
            case "gmail" -> "Google";
            default -> "the provider";
        };
    }

    public static String connectorLabel(String kind) {
        return switch (kind) {
            case "imap" -> "IMAP/SMTP";
            case "gmail" -> "Gmail";
            case "graph" -> "Microsoft 365";
            case "forwarding" -> "Forwarding address";
            default -> kind;
        };
    }

    public static String directionLabel(dev.postline.core.touchpoint.Direction direction) {
        return switch (direction) {
            case INBOUND -> "Inbound";
            case OUTBOUND -> "Outbound";
            case BOTH -> "Inbound and outbound";
        };
    }
}
