package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.core.ringgroup.RingGroup;
import dev.postline.core.sync.SyncState;
import dev.postline.core.touchpoint.TouchpointService.TouchpointDetails;
import dev.postline.tenantadmin.web.Times;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One touchpoint as the list and detail pages show it. */
public record TouchpointRow(UUID id, String address, String displayName, String connector, String direction, boolean enabled,
                            StatusBadge badge, String lastSync, List<String> ringGroups) {

    public static TouchpointRow of(TouchpointDetails d, @Nullable SyncState sync, Map<UUID, RingGroup> groups) {
        var t = d.touchpoint();
        return new TouchpointRow(t.id(), t.address(), t.displayName(), connectorLabel(t.connectorKind().wireName()),
                directionLabel(t.direction()), t.enabled(), StatusBadge.of(t.connectionState()),
                Times.format(sync == null ? null : sync.lastSuccessAt(), "never"),
                d.ringGroupIds().stream().map(groups::get).filter(Objects::nonNull).map(RingGroup::name).toList());
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
