package dev.postline.core.threading;

import dev.postline.core.conversation.Conversation;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ThreadingRule} decided for one inbound message: the conversation it joins, or none —
 * then a new conversation, which mentions the conversations the mail referred to but may not join.
 */
public record ThreadDecision(@Nullable Conversation joined, List<Conversation> mentioned) {

    public static final ThreadDecision NONE = new ThreadDecision(null, List.of());

    public Optional<Conversation> join() {
        return Optional.ofNullable(joined);
    }
}
