package dev.postline.core.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationStatus;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.user.Role;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may read a conversation's content before taking it. */
class PreviewRuleTest {

    private final TenantId tenant = TenantId.of(UUID.randomUUID());
    private final UUID agent = UUID.randomUUID();
    private final Viewer agentViewer = new Viewer(tenant, agent, false, Set.of(), Set.of(Role.AGENT));
    private final Viewer supervisor = new Viewer(tenant, UUID.randomUUID(), true, Set.of(), Set.of(Role.SUPERVISOR));

    @Test
    void nothingRefusedLetsEveryRolePreview_asBeforePreviewPermissionsExisted() {
        assertThat(PreviewRule.allows(agentViewer, conversation(null), Set.of())).isTrue();
        assertThat(PreviewRule.allows(supervisor, conversation(null), Set.of())).isTrue();
    }

    @Test
    void aRefusedRoleMayNotPreviewAConversationThatIsNotTheirs() {
        assertThat(PreviewRule.allows(agentViewer, conversation(null), EnumSet.of(Role.AGENT))).isFalse();
        assertThat(PreviewRule.allows(agentViewer, conversation(UUID.randomUUID()), EnumSet.of(Role.AGENT))).isFalse();
        assertThat(PreviewRule.allows(supervisor, conversation(null), EnumSet.of(Role.AGENT))).isTrue();
        assertThat(PreviewRule.allows(supervisor, conversation(null), EnumSet.of(Role.SUPERVISOR))).isFalse();
    }

    @Test
    void theAssigneeAlwaysReadsTheirConversation() {
        assertThat(PreviewRule.allows(agentViewer, conversation(agent), EnumSet.allOf(Role.class))).isTrue();
    }

    @Test
    void anApiKeyHasNoConversationsOfItsOwn_soOnlyItsRoleCounts() {
        Viewer key = new Viewer(tenant, null, true, Set.of(), Set.of(Role.SUPERVISOR));
        assertThat(PreviewRule.allows(key, conversation(null), EnumSet.of(Role.SUPERVISOR))).isFalse();
        assertThat(PreviewRule.allows(key, conversation(null), EnumSet.of(Role.AGENT))).isTrue();
    }

    @Test
    void aViewerWithoutRolesPreviewsOnlyWhereNothingIsRefused() {
        Viewer none = new Viewer(tenant, UUID.randomUUID(), false, Set.of(), Set.of());
        assertThat(PreviewRule.allows(none, conversation(null), Set.of())).isTrue();
        assertThat(PreviewRule.allows(none, conversation(null), EnumSet.of(Role.ADMIN))).isFalse();
    }

    private Conversation conversation(UUID assignee) {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        return new Conversation(UUID.randomUUID(), tenant.value(), UUID.randomUUID(), 1, "Subject", "c@example.com", "C",
                ConversationStatus.OPEN, false, assignee, null, true, now, now, dev.postline.core.touchpoint.DataSource.EMPTY, "Support");
    }
}
