package dev.postline.core.threading;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.ingest.IncomingMail;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * THE THREADING RULE — which conversation an inbound message joins. Scoped to tenant + touchpoint.
 *
 * <ol>
 *   <li><b>Signed:</b> our own Message-ID ({@link ThreadTokens}, HMAC) in In-Reply-To or References
 *       joins its conversation from <em>any</em> sender address — the signature is the proof (the
 *       customer answering from their phone).</li>
 *   <li><b>Unsigned:</b> In-Reply-To / References naming a stored Message-ID (newest reference
 *       first), then a subject token such as {@code [#1079]}. Anyone can write these (ticket numbers
 *       are sequential, customer Message-IDs leak), so each joins <em>only when the sender is one of
 *       that conversation's participants</em> ({@link ConversationParticipants}: an address seen in
 *       From/To/Cc of its messages, or — where the touchpoint sets {@code sameDomainIsParticipant} —
 *       the same domain, never a free-mail one). The first conversation that admits the sender wins.</li>
 *   <li><b>Otherwise</b> a new conversation, which "mentions" every conversation the mail referred to
 *       without being admitted ({@link ConversationMentions}), so an agent sees the link without the
 *       stranger's mail landing in someone else's thread.</li>
 * </ol>
 * Must run inside the tenant's transaction.
 */
@Singleton
public class ThreadingRule {

    private static final Pattern SUBJECT_TOKEN = Pattern.compile("\\[#(\\d{1,18})\\]");

    private final ThreadTokens tokens;
    private final ConversationRepository conversations;
    private final MailMessageRepository messages;
    private final ConversationParticipants participants;
    private final TouchpointRepository touchpoints;

    public ThreadingRule(ThreadTokens tokens, ConversationRepository conversations, MailMessageRepository messages,
                         ConversationParticipants participants, TouchpointRepository touchpoints) {
        this.tokens = tokens;
        this.conversations = conversations;
        this.messages = messages;
        this.participants = participants;
        this.touchpoints = touchpoints;
    }

    public ThreadDecision decide(TenantId tenant, UUID touchpointId, IncomingMail mail, boolean sameDomainIsParticipant) {
        Optional<Conversation> signed = signed(tenant, touchpointId, mail);
        if (signed.isPresent()) {
            return new ThreadDecision(signed.get(), List.of());
        }
        Unsigned search = new Unsigned(tenant, mail.from().address(), sameDomainIsParticipant);
        for (String id : mail.answeredIds()) {
            Optional<Conversation> joined = messages.findByTenantIdAndTouchpointIdAndMessageIdHeader(tenant.value(), touchpointId, id)
                    .stream().findFirst().map(MailMessage::conversationId)
                    .filter(search::unseen)
                    .flatMap(conversationId -> conversations.findByTenantIdAndId(tenant.value(), conversationId))
                    .filter(search::admits);
            if (joined.isPresent()) {
                return new ThreadDecision(joined.get(), List.of());
            }
        }
        Matcher token = SUBJECT_TOKEN.matcher(mail.subject());
        while (token.find()) {
            Optional<Conversation> joined = conversations
                    .findByTenantIdAndTouchpointIdAndNumber(tenant.value(), touchpointId, Long.parseLong(token.group(1)))
                    .filter(c -> search.unseen(c.id()))
                    .filter(search::admits);
            if (joined.isPresent()) {
                return new ThreadDecision(joined.get(), List.of());
            }
        }
        return search.refused.isEmpty() ? ThreadDecision.NONE : new ThreadDecision(null, List.copyOf(search.refused));
    }

    private Optional<Conversation> signed(TenantId tenant, UUID touchpointId, IncomingMail mail) {
        for (String id : mail.answeredIds()) {
            Optional<Conversation> found = tokens.conversationOf(tenant, touchpointId, id)
                    .flatMap(conversationId -> conversations.findByTenantIdAndId(tenant.value(), conversationId))
                    .filter(c -> c.touchpointId().equals(touchpointId));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** One message's unsigned references, looked at in the rule's order: each conversation once, refusals kept. */
    private final class Unsigned {
        private final TenantId tenant;
        private final String sender;
        private final boolean sameDomain;
        private final Set<UUID> seen = new HashSet<>();
        private final List<Conversation> refused = new ArrayList<>();
        private Set<String> own;

        Unsigned(TenantId tenant, String sender, boolean sameDomain) {
            this.tenant = tenant;
            this.sender = sender;
            this.sameDomain = sameDomain;
        }

        boolean unseen(UUID conversationId) {
            return seen.add(conversationId);
        }

        boolean admits(Conversation candidate) {
            if (own == null) {
                own = touchpoints.findByTenantIdOrderByNameKey(tenant.value()).stream()
                        .map(Touchpoint::address).map(ConversationParticipants::normal).collect(Collectors.toSet());
            }
            // A tenant's own address is never a participant: anyone can write it into a From.
            if (!own.contains(ConversationParticipants.normal(sender))
                    && ConversationParticipants.admits(participants.of(tenant, candidate.id(), own), sender, sameDomain)) {
                return true;
            }
            refused.add(candidate);
            return false;
        }
    }
}
