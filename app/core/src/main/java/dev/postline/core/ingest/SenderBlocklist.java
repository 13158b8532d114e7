package dev.postline.core.ingest;

import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
        return entries.existsByTenantIdAndTouchpointIdAndPatternInList(tenant.value(), touchpointId, patterns(senderAddress));
    }

    /** Which of {@code senderAddresses} (lower-cased) the touchpoint blocks: one read for a whole batch. */
    public Set<String> blockedAmong(TenantId tenant, UUID touchpointId, Collection<String> senderAddresses) {
        Set<String> patterns = new LinkedHashSet<>();
        senderAddresses.forEach(address -> patterns.addAll(patterns(address)));
        if (patterns.isEmpty()) {
            return Set.of();
        }
        Set<String> listed = Set.copyOf(entries.findPatternByTenantIdAndTouchpointIdAndPatternInList(
                tenant.value(), touchpointId, List.copyOf(patterns)));
        Set<String> blocked = new HashSet<>();
        for (String address : senderAddresses) {
            if (patterns(address).stream().anyMatch(listed::contains)) {
                blocked.add(address.toLowerCase(Locale.ROOT));
            }
        }
        return blocked;
    }

    /** The entries that block an address: the address itself and its {@code @domain}. */
    private static List<String> patterns(String senderAddress) {
        String address = senderAddress.toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        return at < 0 ? List.of(address) : List.of(address, address.substring(at));
    }
}
