package dev.postline.core.ingest;

import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRingGroup;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one ingest transaction reads once, however many messages it stores: the touchpoint, its
 * decoded settings and inbound policy, (on first use) the tenant's own addresses and the touchpoint's
 * ring groups, and — for the batch's messages, in one read each — which provider ids the touchpoint
 * already stored or quarantined and which senders it blocks. Conversation numbers are counted in memory
 * and written once ({@link #finish}). Lives only as long as the transaction, so an admin's edit is seen
 * by the next batch; a message stored in the transaction is remembered, so a later one of the same batch
 * sees it as the database would.
 */
final class IngestScope {

    private final Touchpoint touchpoint;
    private final Map<String, String> settings;
    private final InboundPolicy policy;
    private final Supplier<Set<String>> ownAddressLookup;
    private final Supplier<List<TouchpointRingGroup>> ringGroupLookup;
    private final Set<String> knownProviderIds;
    private final Set<String> blockedSenders;
    private final TicketNumbers.Allocation numbers;
    private Set<String> ownAddresses;
    private List<TouchpointRingGroup> ringGroups;

    /**
     * @param knownProviderIds the batch's provider ids the touchpoint has a message or quarantine entry of
     * @param blockedSenders   the batch's sender addresses (lower-cased) its blocklist matches
     */
    IngestScope(Touchpoint touchpoint, Map<String, String> settings, Supplier<Set<String>> ownAddressLookup,
                Supplier<List<TouchpointRingGroup>> ringGroupLookup, Set<String> knownProviderIds, Set<String> blockedSenders,
                TicketNumbers.Allocation numbers) {
        this.touchpoint = touchpoint;
        this.settings = settings;
        this.policy = InboundPolicy.from(settings);
        this.ownAddressLookup = ownAddressLookup;
        this.ringGroupLookup = ringGroupLookup;
        this.knownProviderIds = new HashSet<>(knownProviderIds);
        this.blockedSenders = Set.copyOf(blockedSenders);
        this.numbers = numbers;
    }

    /** The next conversation number (the tenant's counter is locked at the first, written by {@link #finish}). */
    long nextConversationNumber() {
        return numbers.next();
    }

    /** Writes what the transaction counted in memory; call last, inside the transaction. */
    void finish() {
        numbers.finish();
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

    /** The ring groups the touchpoint's new conversations go to. */
    List<TouchpointRingGroup> ringGroups() {
        if (ringGroups == null) {
            ringGroups = List.copyOf(ringGroupLookup.get());
        }
        return ringGroups;
    }

    /** A message or quarantine entry of this provider id exists (stored before, or earlier in this transaction). */
    boolean knowsProviderId(String providerId) {
        return providerId != null && knownProviderIds.contains(providerId);
    }

    /** A message or quarantine entry of this provider id was stored in this transaction. */
    void stored(String providerId) {
        if (providerId != null) {
            knownProviderIds.add(providerId);
        }
    }

    /** The touchpoint's blocklist matches this sender (one of the batch's). */
    boolean blocks(String senderAddress) {
        return blockedSenders.contains(senderAddress.toLowerCase(Locale.ROOT));
    }
}
