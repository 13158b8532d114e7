package dev.postline.core.touchpoint;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.core.connector.ConnectorRegistry;
import dev.postline.core.connector.MailboxAddressSetting;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.FieldError;
import io.micronaut.http.HttpStatus;
import java.util.List;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One mailbox, one touchpoint per tenant: a second touchpoint reading the same mailbox (same
 * connector identity, {@link ConnectorFactory#mailboxKey}) would ingest every mail twice, into two
 * conversations. Checked on create and on edit, inside the writing transaction.
 *
 * <p>Other tenants are not looked at, on purpose: a refusal would tell one tenant what another has
 * connected, and would let anyone who knows a mailbox's server and user name block its owner from
 * connecting it. Each tenant's copy of the mail stays in that tenant.
 */
@Singleton
public class SameMailbox {

    /** The field a refusal names, so forms can show it with the connection settings. */
    public static final String FIELD = "mailbox";

    private final ConnectorRegistry connectors;
    private final TouchpointRepository touchpoints;
    private final TouchpointSettingsCodec settingsCodec;
    private final MailboxAddressSetting mailboxSetting;

    public SameMailbox(ConnectorRegistry connectors, TouchpointRepository touchpoints, TouchpointSettingsCodec settingsCodec,
                       MailboxAddressSetting mailboxSetting) {
        this.connectors = connectors;
        this.touchpoints = touchpoints;
        this.settingsCodec = settingsCodec;
        this.mailboxSetting = mailboxSetting;
    }

    /**
     * Throws 409 naming the tenant's touchpoint that already reads the mailbox {@code settings} read.
     *
     * @param self the touchpoint being edited (not a duplicate of itself), or null on create
     */
    public void refuseDuplicate(TenantId tenant, ConnectorKind kind, Map<String, String> settings, @Nullable UUID self) {
        Optional<ConnectorFactory> factory = connectors.find(kind.wireName());
        Optional<String> key = factory.flatMap(f -> f.mailboxKey(settings));
        if (key.isEmpty()) {
            return;
        }
        for (Touchpoint other : touchpoints.findByTenantIdOrderByNameKey(tenant.value())) {
            if (other.connectorKind() != kind || other.id().equals(self)) {
                continue;
            }
            Map<String, String> stored = mailboxSetting.forSession(kind, other.address(), settingsCodec.read(other.settings()));
            if (key.equals(factory.get().mailboxKey(stored))) {
                String detail = "this mailbox is already connected as the touchpoint \"" + other.displayName()
                        + "\" (" + other.address() + "); each mail would arrive twice. Edit that touchpoint instead.";
                throw new ApiException(HttpStatus.CONFLICT, detail, List.of(new FieldError(FIELD, detail)));
            }
        }
    }
}
