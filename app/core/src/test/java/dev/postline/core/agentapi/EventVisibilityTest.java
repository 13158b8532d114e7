package dev.postline.core.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.conversation.Viewer;
import dev.postline.core.user.Role;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.tenant.TenantId;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which events an SSE stream may carry: the tenant boundary first, then the queue rule. */
class EventVisibilityTest {

    private final TenantId tenant = TenantId.of(UUID.randomUUID());
    private final UUID billing = UUID.randomUUID();
    private final UUID technical = UUID.randomUUID();
    private final UUID agent = UUID.randomUUID();

    @Test
    void anAgentSeesEventsOfTheirQueuesAndAssignmentsOnly() {
        Viewer viewer = new Viewer(tenant, agent, false, Set.of(billing), Set.of(Role.AGENT));
        assertThat(EventsController.visible(viewer, event(tenant, Set.of(billing), null))).isTrue();
        assertThat(EventsController.visible(viewer, event(tenant, Set.of(technical), null))).isFalse();
        assertThat(EventsController.visible(viewer, event(tenant, Set.of(technical), agent))).as("assigned to them").isTrue();
        assertThat(EventsController.visible(viewer, event(tenant, Set.of(), UUID.randomUUID()))).isFalse();
    }

    @Test
    void supervisorsSeeTheirWholeTenantAndNothingElse() {
        Viewer supervisor = new Viewer(tenant, UUID.randomUUID(), true, Set.of(), Set.of(Role.SUPERVISOR));
        assertThat(EventsController.visible(supervisor, event(tenant, Set.of(technical), null))).isTrue();
        assertThat(EventsController.visible(supervisor, event(TenantId.of(UUID.randomUUID()), Set.of(billing), null))).isFalse();
    }

    @Test
    void anotherTenantsEventNeverPassesEvenWithTheSameGroupId() {
        Viewer viewer = new Viewer(tenant, agent, false, Set.of(billing), Set.of(Role.AGENT));
        assertThat(EventsController.visible(viewer, event(TenantId.of(UUID.randomUUID()), Set.of(billing), agent))).isFalse();
    }

    /**
     * Events reach viewers who may not preview the conversation (they must see it arrive to claim
     * it), so they carry ids and the assignee only: a field with content (subject excerpt, body,
     * file name) added here would bypass the touchpoint's preview permissions.
     */
    @Test
    void anEventCarriesIdsOnly_soItShowsNoContentToViewersWhoMayNotPreview() {
        assertThat(java.util.Arrays.stream(EventsController.EventView.class.getRecordComponents())
                .map(c -> c.getName() + ":" + c.getType().getSimpleName()))
                .containsExactly("type:String", "conversationId:UUID", "messageId:UUID", "assignedUserId:UUID", "at:Instant");
    }

    private static ConversationEvent event(TenantId tenant, Set<UUID> queue, UUID assignee) {
        return new ConversationEvent(ConversationEvent.Type.MESSAGE_ADDED, tenant, UUID.randomUUID(), UUID.randomUUID(), queue, assignee,
                Instant.now());
    }
}
