package dev.postline.core.ingest;

import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Is a sender blocklisted on a touchpoint, by exact address or by {@code @domain}? Runs in the tenant's transaction. */
@Singleton
public class SenderBlocklist {

    private final BlocklistRepository entries;

    public SenderBlocklist(BlocklistRepository entries) {
        this.entries = entries;
    }

    public boolean blocks(TenantId tenant, UUID touchpointId, String senderAddress) {
        String address = senderAddress.toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        List<String> patterns = at < 0 ? List.of(address) : List.of(address, address.substring(at));
        return entries.existsByTenantIdAndTouchpointIdAndPatternInList(tenant.value(), touchpointId, patterns);
    }
}
