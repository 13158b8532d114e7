package dev.postline.core.branding;

import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The one place outbound rendering asks what a touchpoint adds to a message (signature, template,
 * contact card). Rendering applies the {@link Decoration}; this class decides what it contains.
 */
@Singleton
public class TouchpointBranding {

    /** Why a message is being written: decides whether the contact card and signature apply. */
    public enum Purpose { FIRST_MESSAGE, REPLY, FORWARD, AUTO_REPLY }

    /**
     * Must be called inside a tenant transaction (read) of {@code tenant}.
     */
    public Decoration decorate(TenantId tenant, UUID touchpointId, MessageVariables variables, Purpose purpose) {
        return Decoration.NONE;
    }
}
