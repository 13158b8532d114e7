package dev.postline.core.preview;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.user.Role;
import java.util.Set;

/**
 * Whether a viewer may read a conversation's content (messages, bodies, .eml, attachments, inline
 * images, internal notes) — the part of the rule that needs no database. The conversation's
 * assignee always may: taking a conversation is how one gets to read it. Anyone else may when one of
 * their roles is not refused on the conversation's touchpoint; nothing refused (the default) lets
 * every role preview, as before preview permissions existed.
 */
public final class PreviewRule {

    private PreviewRule() {}

    public static boolean allows(Viewer viewer, Conversation conversation, Set<Role> refused) {
        if (viewer.userId() != null && viewer.userId().equals(conversation.assignedUserId())) {
            return true;
        }
        if (refused.isEmpty()) {
            return true;
        }
        return viewer.roles().stream().anyMatch(role -> !refused.contains(role));
    }
}
