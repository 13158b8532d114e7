package dev.postline.server.api;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationQueue;
import dev.postline.core.conversation.ConversationQueueRepository;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.ConversationStatus;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.DataSource;
import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The queue listing paged with its opaque keyset cursor: for every filter and for a supervisor-like
 * admin and two agents of different ring groups, following {@code nextCursor} page by page returns
 * every conversation the caller may see exactly once, newest activity first — also where many
 * conversations share one {@code last_message_at} and a page boundary falls among them — and nothing
 * of another ring group or another tenant. A cursor this API did not hand out is a 400 naming it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueuePagingTest implements PostlineTestProperties {

    static final String LIST = "/api/v1/conversations";

    /** Few distinct activity times (microsecond precision, as stored), so pages cut through ties. */
    static final List<Instant> TIMES = List.of(Instant.parse("2026-03-01T10:00:00.123456Z"), Instant.parse("2026-03-01T10:00:00.123457Z"),
            Instant.parse("2026-03-02T08:30:00Z"), Instant.parse("2026-03-05T17:45:12.5Z"));

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject ConversationRepository conversations;
    @Inject ConversationQueueRepository queues;
    @Inject TenantTransactions tx;

    Http http;
    TenantFixture t;
    TenantFixture other;
    String secondGroup;
    String secondTouchpoint;
    Auth agent2;
    String agent2Id;
    final List<Row> rows = new ArrayList<>();
    final Set<String> otherTenantIds = new HashSet<>();

    /** What the test stored, to compute each expected listing. */
    record Row(String id, String touchpointId, Set<String> groups, String status, boolean blocked, String assignee, boolean unread,
               String reportService, Instant lastMessageAt) {}

    @BeforeAll
    void conversations() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "queue-paging");
        other = TenantFixture.create(http, "queue-paging-other");
        secondGroup = expect(http.post("/api/v1/ring-groups", t.admin(), Map.of("name", "Second", "description", "second queue")), 201)
                .string("id");
        agent2Id = expect(http.post("/api/v1/users", t.admin(), Map.of("email", "agent2@queue-paging.example.com",
                "displayName", "Agent Two", "role", "AGENT", "password", TenantFixture.PASSWORD)), 201).string("id");
        expect(http.put("/api/v1/ring-groups/" + secondGroup + "/members/" + agent2Id, t.admin(), null), 204);
        agent2 = Auth.bearer(http.login(t.slug(), "agent2@queue-paging.example.com", TenantFixture.PASSWORD));
        secondTouchpoint = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of(
                "address", "sales@queue-paging.example.com", "displayName", "Sales", "connector", "imap", "direction", "BOTH",
                "ringGroupIds", List.of(secondGroup), "settings", TenantFixture.imapSettings("queue-paging"))), 201).string("id");

        Random random = new Random(14);
        List<String> assignees = new ArrayList<>(List.of(t.agentId(), agent2Id, t.adminId()));
        assignees.add(null);
        assignees.add(null);
        for (int i = 0; i < 90; i++) {
            boolean sales = random.nextInt(3) == 0;
            Set<String> groups = switch (random.nextInt(6)) {
                case 0 -> Set.of(t.ringGroupId(), secondGroup);
                case 1 -> Set.of(); // queued nowhere: only its assignee (and supervisors) see it
                default -> Set.of(sales ? secondGroup : t.ringGroupId());
            };
            rows.add(store(TenantId.parse(t.tenantId()), 5000 + i, new Row(null, sales ? secondTouchpoint : t.touchpointId(), groups,
                    random.nextInt(3) == 0 ? "CLOSED" : "OPEN", random.nextInt(12) == 0, assignees.get(random.nextInt(assignees.size())),
                    random.nextBoolean(), random.nextBoolean() ? "EMEA Billing" : null, TIMES.get(random.nextInt(TIMES.size())))));
        }
        for (int i = 0; i < 12; i++) {
            // The neighbour tenant: same activity times, every kind of state; never listed for tenant t.
            otherTenantIds.add(store(TenantId.parse(other.tenantId()), 5000 + i, new Row(null, other.touchpointId(),
                    Set.of(other.ringGroupId()), "OPEN", false, i % 2 == 0 ? other.agentId() : null, true, "EMEA Billing",
                    TIMES.get(i % TIMES.size()))).id());
        }
    }

    private Row store(TenantId tenant, long number, Row row) {
        UUID id = UUID.randomUUID();
        tx.write(tenant, () -> {
            conversations.save(new Conversation(id, tenant.value(), UUID.fromString(row.touchpointId()), number, "Subject " + number,
                    "customer" + number + "@example.org", "Customer", ConversationStatus.valueOf(row.status()), row.blocked(),
                    row.assignee() == null ? null : UUID.fromString(row.assignee()), null, row.unread(), row.lastMessageAt(),
                    row.lastMessageAt(), DataSource.EMPTY, row.reportService()));
            row.groups().forEach(g -> queues.save(new ConversationQueue(UUID.randomUUID(), tenant.value(), id, UUID.fromString(g))));
        });
        return new Row(id.toString(), row.touchpointId(), row.groups(), row.status(), row.blocked(), row.assignee(), row.unread(),
                row.reportService(), row.lastMessageAt());
    }

    @Test
    void everyFilterPagedWithTheCursorListsEachVisibleConversationExactlyOnceNewestFirst() {
        record Filter(String query, Predicate<Row> matches, boolean blocked) {}
        List<Filter> filters = List.of(
                new Filter("", r -> true, false),
                new Filter("status=OPEN", r -> r.status().equals("OPEN"), false),
                new Filter("status=CLOSED", r -> r.status().equals("CLOSED"), false),
                new Filter("touchpointId=" + secondTouchpoint, r -> r.touchpointId().equals(secondTouchpoint), false),
                new Filter("assigned=unassigned", r -> r.assignee() == null, false),
                new Filter("unread=true", Row::unread, false),
                new Filter("unread=false", r -> !r.unread(), false),
                new Filter("reportService=emea%20BILLING", r -> "EMEA Billing".equals(r.reportService()), false),
                new Filter("blocked=true", r -> true, true),
                new Filter("status=OPEN&assigned=unassigned&unread=true&touchpointId=" + t.touchpointId(),
                        r -> r.status().equals("OPEN") && r.assignee() == null && r.unread() && r.touchpointId().equals(t.touchpointId()), false));
        record Caller(String name, Auth auth, String userId, Predicate<Row> sees) {}
        List<Caller> callers = List.of(
                new Caller("admin", t.admin(), t.adminId(), r -> true),
                new Caller("agent of the first group", t.agent(), t.agentId(),
                        r -> t.agentId().equals(r.assignee()) || r.groups().contains(t.ringGroupId())),
                new Caller("agent of the second group", agent2, agent2Id,
                        r -> agent2Id.equals(r.assignee()) || r.groups().contains(secondGroup)));
        int checked = 0;
        for (Caller caller : callers) {
            List<Filter> all = new ArrayList<>(filters);
            all.add(new Filter("assigned=me", r -> caller.userId().equals(r.assignee()), false));
            for (Filter filter : all) {
                Set<String> expected = rows.stream()
                        .filter(r -> r.blocked() == filter.blocked() && caller.sees().test(r) && filter.matches().test(r))
                        .map(Row::id).collect(Collectors.toSet());
                for (int limit : new int[] {1, 7, 200}) {
                    List<Map<String, Object>> listed = pageThrough(caller.auth(), filter.query(), limit);
                    List<String> ids = listed.stream().map(item -> item.get("id").toString()).toList();
                    String what = caller.name() + " ?" + filter.query() + " limit " + limit;
                    assertThat(ids).as(what + ": no conversation twice").doesNotHaveDuplicates();
                    assertThat(Set.copyOf(ids)).as(what + ": exactly the visible matching ones").isEqualTo(expected);
                    List<Instant> times = listed.stream().map(item -> Instant.parse(item.get("lastMessageAt").toString())).toList();
                    assertThat(times).as(what + ": newest activity first").isSortedAccordingTo((a, b) -> b.compareTo(a));
                    assertThat(ids).as(what + ": nothing of the other tenant").doesNotContainAnyElementsOf(otherTenantIds);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(3 * 11 * 3);
        // The data really has ties across page boundaries and non-empty results for the agents.
        assertThat(rows.stream().map(Row::lastMessageAt).distinct().count()).isEqualTo(TIMES.size());
        assertThat(pageThrough(agent2, "", 7)).isNotEmpty();
    }

    @Test
    void anAgentNeverSeesAConversationQueuedOnlyToAnotherRingGroup() {
        Set<String> listedToAgent2 = pageThrough(agent2, "", 5).stream().map(item -> item.get("id").toString()).collect(Collectors.toSet());
        List<String> firstGroupOnly = rows.stream()
                .filter(r -> !r.blocked() && r.groups().equals(Set.of(t.ringGroupId())) && !agent2Id.equals(r.assignee()))
                .map(Row::id).toList();
        assertThat(firstGroupOnly).isNotEmpty();
        assertThat(listedToAgent2).doesNotContainAnyElementsOf(firstGroupOnly);
        for (String id : firstGroupOnly) {
            assertThat(http.get(LIST + "/" + id, agent2).status()).as("detail of another group's conversation").isEqualTo(404);
        }
    }

    /**
     * A ring group's page is walked by the queue rows' copy of the conversation's activity time (V25):
     * new activity written the way ingestion writes it ({@code update} of the conversation) must move
     * the conversation to the top of its group's queue, a queue row added later (a transfer) must
     * start with its conversation's time, and a status change must move it between the status filters. Runs in the neighbour tenant, so the listings above stay as stored.
     */
    @Test
    void newActivityMovesAConversationToTheTopOfItsRingGroupsQueue() {
        TenantId tenant = TenantId.parse(other.tenantId());
        Row quiet = store(tenant, 7000, new Row(null, other.touchpointId(), Set.of(other.ringGroupId()), "OPEN", false, null, false,
                null, Instant.parse("2020-01-01T00:00:00Z")));
        Row later = store(tenant, 7001, new Row(null, other.touchpointId(), Set.of(), "OPEN", false, null, false,
                null, Instant.parse("2020-01-02T00:00:00Z")));
        assertThat(firstOfAgentQueue()).isNotIn(quiet.id(), later.id());

        Instant followUp = Instant.parse("2030-06-01T09:00:00.654321Z");
        tx.write(tenant, () -> {
            Conversation c = conversations.findByTenantIdAndId(tenant.value(), UUID.fromString(quiet.id())).orElseThrow();
            conversations.update(c.withNewMessage(followUp));
        });
        assertThat(firstOfAgentQueue()).as("the follow-up's conversation leads its group's queue").isEqualTo(quiet.id());

        tx.write(tenant, () -> {
            Conversation c = conversations.findByTenantIdAndId(tenant.value(), UUID.fromString(later.id())).orElseThrow();
            conversations.update(c.withNewMessage(followUp.plusSeconds(60)));
            queues.save(new ConversationQueue(UUID.randomUUID(), tenant.value(), c.id(), UUID.fromString(other.ringGroupId())));
        });
        assertThat(firstOfAgentQueue()).as("a conversation queued later, with newer activity").isEqualTo(later.id());

        // Its status, changed the way ConversationStates writes it, moves it between the status filters of its group.
        tx.write(tenant, () -> {
            Conversation c = conversations.findByTenantIdAndId(tenant.value(), UUID.fromString(later.id())).orElseThrow();
            assertThat(conversations.transition(tenant.value(), c.id(), c.version(), "CLOSED", null, null, null)).isEqualTo(1);
        });
        assertThat(firstOfAgentQueue("&status=CLOSED")).isEqualTo(later.id());
        assertThat(firstOfAgentQueue("&status=OPEN")).isEqualTo(quiet.id());
    }

    private String firstOfAgentQueue() {
        return firstOfAgentQueue("");
    }

    private String firstOfAgentQueue(String filter) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) expect(http.get(LIST + "?limit=1&assigned=unassigned" + filter,
                other.agent()), 200).map().get("items");
        return items.getFirst().get("id").toString();
    }

    @Test
    void aCursorThisApiDidNotHandOutIsA400NamingTheCursor() {
        List<String> malformed = List.of("not-a-cursor!", b64("2026-03-01T10:00:00Z"), b64("yesterday|" + UUID.randomUUID()),
                b64("2026-03-01T10:00:00Z|not-a-uuid"), b64("2026-03-01T10:00:00Z|" + UUID.randomUUID() + "|extra"), "%00%01");
        for (String cursor : malformed) {
            Http.Response response = http.get(LIST + "?cursor=" + cursor, t.admin());
            assertThat(response.status()).as(cursor).isEqualTo(400);
            assertThat(response.body()).as(cursor).contains("cursor");
        }
        String next = expect(http.get(LIST + "?limit=3", t.admin()), 200).string("nextCursor");
        assertThat((List<?>) expect(http.get(LIST + "?limit=3&cursor=" + next, t.admin()), 200).map().get("items")).hasSize(3);
    }

    private List<Map<String, Object>> pageThrough(Auth auth, String query, int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 200; page++) {
            String url = LIST + "?limit=" + limit + (query.isEmpty() ? "" : "&" + query) + (cursor == null ? "" : "&cursor=" + cursor);
            var response = expect(http.get(url, auth), 200);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) response.map().get("items");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            all.addAll(items);
            Object next = response.map().get("nextCursor");
            if (next == null) {
                return all;
            }
            cursor = next.toString();
        }
        throw new AssertionError("more than 200 pages for " + query);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
