package dev.postline.core.threading;

import dev.postline.core.tenant.TenantId;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who counts as a participant of a conversation, for {@link ThreadingRule}: every address seen in
 * its messages — From, To and Cc of its inbound and outbound mail (so also whoever the customer or
 * the agent copied in) — except the tenant's own touchpoint addresses, which anyone can write into
 * a From. Where the touchpoint allows it ({@code sameDomainIsParticipant}), also anyone at exactly the
 * domain of such an address, unless that is a free-mail domain ({@link FreeMailDomains}). Addresses
 * compare without regard to case. Runs inside the tenant's transaction.
 */
@Singleton
public class ConversationParticipants {

    private static final Argument<List<Map<String, String>>> ADDRESS_LIST =
            Argument.listOf(Argument.mapOf(String.class, String.class));

    private final MessageAddressRepository messages;
    private final JsonMapper json;

    public ConversationParticipants(MessageAddressRepository messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** The addresses of one conversation that count as participants, in lower case. */
    public Set<String> of(TenantId tenant, UUID conversationId, Set<String> ownAddresses) {
        Set<String> seen = new HashSet<>();
        for (MessageAddressRepository.MessageAddresses m : messages.findByTenantIdAndConversationId(tenant.value(), conversationId)) {
            seen.add(normal(m.fromAddress()));
            addresses(m.toAddresses()).forEach(a -> seen.add(normal(a)));
            addresses(m.ccAddresses()).forEach(a -> seen.add(normal(a)));
        }
        seen.removeAll(ownAddresses);
        seen.remove("");
        return seen;
    }

    /** Whether {@code sender} is one of {@code participants}, or shares a (non-free-mail) domain with one where allowed. */
    public static boolean admits(Set<String> participants, String sender, boolean sameDomain) {
        String address = normal(sender);
        if (participants.contains(address)) {
            return true;
        }
        String domain = domainOf(address);
        if (!sameDomain || domain.isEmpty() || FreeMailDomains.contains(domain)) {
            return false;
        }
        return participants.stream().anyMatch(p -> domain.equals(domainOf(p)));
    }

    static String normal(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    private List<String> addresses(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(stored, ADDRESS_LIST).stream().map(a -> a.getOrDefault("address", "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
