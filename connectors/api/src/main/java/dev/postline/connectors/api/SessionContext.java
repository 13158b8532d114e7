package dev.postline.connectors.api;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a session may use about its touchpoint.
 *
 * @param tenantId     opaque, for log lines and metrics only; a connector never branches on it
 * @param touchpointId opaque, for log lines and metrics only
 * @param settings     settings that passed {@link ConnectorFactory#validate}; secret fields are not in here
 * @param credentials  source of the password or a fresh access token
 * @param hostPolicy   every tenant-supplied host must pass this before a connection is made
 * @param clock        the only time source a session uses for deadlines and cursors
 */
public record SessionContext(String tenantId, String touchpointId, Map<String, String> settings,
                             CredentialSource credentials, HostPolicy hostPolicy, Clock clock) {

    public SessionContext {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(touchpointId, "touchpointId");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(hostPolicy, "hostPolicy");
        Objects.requireNonNull(clock, "clock");
    }

    /** Short label for log lines: {@code tenant/touchpoint}. */
    public String logLabel() {
        return tenantId + "/" + touchpointId;
    }
}
