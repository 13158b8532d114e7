package dev.postline.core.ingest;

import dev.postline.core.touchpoint.Touchpoint;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one ingest transaction reads once, however many messages it stores: the touchpoint, its
 * decoded settings and inbound policy, and (on first use) the tenant's own addresses. Lives only as
 * long as the transaction, so an admin's edit is seen by the next batch.
 */
final class IngestScope {

    private final Touchpoint touchpoint;
    private final Map<String, String> settings;
    private final InboundPolicy policy;
    private final Supplier<Set<String>> ownAddressLookup;
    private Set<String> ownAddresses;

    IngestScope(Touchpoint touchpoint, Map<String, String> settings, Supplier<Set<String>> ownAddressLookup) {
        this.touchpoint = touchpoint;
        this.settings = settings;
        this.policy = InboundPolicy.from(settings);
        this.ownAddressLookup = ownAddressLookup;
    }

    Touchpoint touchpoint() {
        return touchpoint;
    }

    Map<String, String> settings() {
        return settings;
    }

    InboundPolicy policy() {
        return policy;
    }

    /** Mail from one of the tenant's own touchpoint addresses (a loop, or our own copy). */
    boolean isOwnAddress(String address) {
        if (ownAddresses == null) {
            ownAddresses = ownAddressLookup.get();
        }
        return ownAddresses.contains(address.toLowerCase(Locale.ROOT));
    }
}
