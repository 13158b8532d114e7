package dev.postline.server.workflow;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.conversation.ConversationService;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.workflow.TransferService;
import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.MutableClock;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * #13 item 8: every state change of a conversation is atomic. For each change, {@value #CONTENDERS}
 * contenders act on each of {@value #CONVERSATIONS} conversations at the same moment (a barrier
 * releases them together), through the HTTP API of the running server — or, for the scheduled
 * sweeps, the sweep's own entry point. Exactly one contender wins each conversation, the others get
 * 409 saying what happened, and the final state and the events match the winner. A race is not
 * caught every time, so each change is tried for {@value #ROUNDS} rounds.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationRaceTest implements PostlineTestProperties {

    static final int CONTENDERS = 4;
    static final int CONVERSATIONS = 5;
    static final int ROUNDS = 3;

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject IngestionPipeline pipeline;
    @Inject EventBus events;
    @Inject MutableClock clock;
    @Inject ConversationService conversations;
    @Inject TransferService transfers;

    Http http;
    TenantFixture t;
    TenantId tenant;
    /** agents.get(0) starts most races holding the conversation; all are in the fixture queue. */
    final List<Member> agents = new ArrayList<>();
    final List<Member> supervisors = new ArrayList<>();
    final List<String> dispositions = new ArrayList<>();
    final List<String> groups = new ArrayList<>();
    final Map<String, String> drafts = new ConcurrentHashMap<>();
    /** The version each conversation had when the race started: what a contender "saw". */
    final Map<String, Object> versions = new ConcurrentHashMap<>();
    final List<ConversationEvent> seen = new CopyOnWriteArrayList<>();
    AutoCloseable subscription;

    record Member(String id, String name, Auth auth) {}

    /** One kind of change: how a conversation is brought to its starting state, who contends, what must hold after. */
    record Race(String name, Function<ConversationRaceTest, String> prepare, @Nullable Runnable beforeStart,
                List<Contender> contenders, Verifier verify) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One contender: an HTTP call (its answer) or a sweep run (null). */
    record Contender(String name, Function<String, Http.Response> act) {}

    @FunctionalInterface
    interface Verifier {
        void verify(String conversation, List<Http.Response> answers, List<ConversationEvent> events);
    }

    @Override
    public Map<String, String> extraProperties() {
        // The sweeps run when the test says so, against the contenders.
        return Map.of("test.mutable-clock", "true", "postline.transfer.sweep-interval", "1h");
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "race");
        tenant = TenantId.parse(t.tenantId());
        for (int i = 0; i <= CONTENDERS; i++) {
            agents.add(member("agent" + i, "Racer Agent " + i, "AGENT", t.ringGroupId()));
        }
        for (int i = 0; i < CONTENDERS; i++) {
            supervisors.add(member("supervisor" + i, "Racer Supervisor " + i, "SUPERVISOR", null));
            dispositions.add(expect(http.post("/api/v1/dispositions", t.admin(), Map.of("name", "Outcome " + i)), 201).string("id"));
            groups.add(expect(http.post("/api/v1/ring-groups", t.admin(), Map.of("name", "Queue " + i)), 201).string("id"));
        }
        subscription = events.subscribe(seen::add);
    }

    @AfterAll
    void unsubscribe() throws Exception {
        subscription.close();
    }

    Stream<Race> races() {
        return Stream.of(
                new Race("claim", ConversationRaceTest::fresh, null, each(i -> agents.get(i + 1), "claim", null), (c, answers, ev) -> {
                    int w = winner(answers);
                    Member winner = agents.get(w + 1);
                    assertThat(summary(c)).containsEntry("assignedUserId", winner.id());
                    losers(answers, w).forEach(r -> assertThat(r.string("detail")).contains("already assigned to").contains(winner.name()));
                    assertThat(assignments(ev)).containsExactly(winner.id());
                }),
                // Taking over is allowed from anyone, so it is meant for the state the supervisor saw: they send its version.
                new Race("take over", ConversationRaceTest::claimedByAgent0, null, pinnedEach(supervisors::get, "claim", null), (c, answers, ev) -> {
                    int w = winner(answers);
                    Member winner = supervisors.get(w);
                    assertThat(summary(c)).containsEntry("assignedUserId", winner.id());
                    losers(answers, w).forEach(r -> assertThat(r.string("detail")).contains(winner.name()));
                    assertThat(assignments(ev)).containsExactly(winner.id());
                }),
                new Race("release", ConversationRaceTest::claimedByAgent0, null, List.of(call(agents.get(0), "release", null),
                        call(supervisors.get(0), "release", null), call(supervisors.get(1), "release", null),
                        call(supervisors.get(2), "release", null)), (c, answers, ev) -> {
                    int w = winner(answers);
                    assertThat(summary(c)).containsEntry("assignedUserId", null);
                    losers(answers, w).forEach(r -> assertThat(r.string("detail")).containsAnyOf("already released", "not assigned to anyone"));
                    assertThat(assignments(ev)).containsExactly((String) null);
                }),
                new Race("close", ConversationRaceTest::fresh, null, each(i -> agents.get(i + 1), "close",
                        i -> Map.of("dispositionId", dispositions.get(i))), (c, answers, ev) -> {
                    int w = winner(answers);
                    assertThat(summary(c)).containsEntry("status", "CLOSED").containsEntry("dispositionId", dispositions.get(w));
                    List<Map<String, Object>> closings = expect(http.get(path(c, "closings"), t.admin()), 200).list();
                    assertThat(closings).singleElement().satisfies(closing -> assertThat(closing)
                            .containsEntry("dispositionId", dispositions.get(w)).containsEntry("closedByUserId", agents.get(w + 1).id()));
                    losers(answers, w).forEach(r -> assertThat(r.string("detail")).contains("already closed"));
                    assertThat(types(ev)).containsExactly(ConversationEvent.Type.STATUS_CHANGED);
                }),
                new Race("reopen", ConversationRaceTest::closedByAgent0, null, each(i -> agents.get(i + 1), "reopen", null), (c, answers, ev) -> {
                    int w = winner(answers);
                    assertThat(summary(c)).containsEntry("status", "OPEN").containsEntry("dispositionId", null);
                    losers(answers, w).forEach(r -> assertThat(r.string("detail")).containsAnyOf("already reopened", "already open"));
                    assertThat(types(ev)).containsExactly(ConversationEvent.Type.STATUS_CHANGED);
                }),
                new Race("transfer offer", ConversationRaceTest::claimedByAgent0, null, pinnedEach(supervisors::get, "transfer",
                        i -> Map.of("userId", agents.get(i + 1).id())), (c, answers, ev) -> {
                    int w = winner(answers);
                    Member target = agents.get(w + 1);
                    assertThat(summary(c)).containsEntry("assignedUserId", target.id());
                    @SuppressWarnings("unchecked")
                    var pending = (Map<String, Object>) expect(http.get(path(c, "transfer"), t.admin()), 200).map().get("pending");
                    assertThat(pending).containsEntry("targetUserId", target.id()).containsEntry("byUserId", supervisors.get(w).id());
                    losers(answers, w).forEach(r -> assertThat(r.string("detail")).contains(target.name()));
                    assertThat(types(ev)).containsExactly(ConversationEvent.Type.TRANSFER_OFFERED);
                }),
                new Race("transfer to a queue", ConversationRaceTest::claimedByAgent0, null, pinnedEach(supervisors::get, "transfer",
                        i -> Map.of("ringGroupId", groups.get(i))), (c, answers, ev) -> {
                    int w = winner(answers);
                    assertThat(detail(c).get("queue")).isEqualTo(List.of(groups.get(w)));
                    assertThat(summary(c)).containsEntry("assignedUserId", null);
                    assertThat(types(ev)).containsExactly(ConversationEvent.Type.TRANSFERRED);
                }),
                new Race("transfer accept against the expiry sweep", ConversationRaceTest::offeredToAgent1,
                        () -> clock.advance(Duration.ofSeconds(121)),
                        List.of(call(agents.get(1), "transfer/accept", null), call(agents.get(1), "transfer/accept", null),
                                sweep(() -> transfers.expireDue(tenant)), sweep(() -> transfers.expireDue(tenant))), (c, answers, ev) -> {
                    long accepted = answers.stream().filter(r -> r != null && r.status() == 200).count();
                    long expired = types(ev).stream().filter(ConversationEvent.Type.TRANSFER_EXPIRED::equals).count();
                    assertThat(accepted + expired).as("accepted or returned, exactly once: " + answers + " " + types(ev)).isEqualTo(1);
                    assertThat(expect(http.get(path(c, "transfer"), t.admin()), 200).map()).containsEntry("pending", null);
                    if (accepted == 1) {
                        assertThat(summary(c)).containsEntry("assignedUserId", agents.get(1).id());
                        assertThat(types(ev)).containsExactly(ConversationEvent.Type.TRANSFER_ACCEPTED);
                    } else {
                        assertThat(summary(c)).containsEntry("assignedUserId", agents.get(0).id());
                        assertThat(types(ev)).containsExactly(ConversationEvent.Type.TRANSFER_EXPIRED);
                    }
                }),
                new Race("follow-up taken against the deadline sweep", ConversationRaceTest::followUpForAgent0,
                        () -> clock.advance(Duration.ofSeconds(11)),
                        List.of(call(agents.get(0), "claim", null), sweep(() -> conversations.releaseOverdue(tenant)),
                                sweep(() -> conversations.releaseOverdue(tenant)), sweep(() -> conversations.releaseOverdue(tenant))),
                        (c, answers, ev) -> {
                    Http.Response taking = answers.getFirst();
                    conversations.releaseOverdue(tenant);
                    if (taking.status() == 200) {
                        // Taken first (or taken back from the queue after the sweep): kept, whatever the sweep does after.
                        assertThat(summary(c)).as("taken means kept").containsEntry("assignedUserId", agents.get(0).id());
                        // One event per change that happened: the agent's, and the sweep's if it came first (events of
                        // different threads are published after their commits, in no guaranteed order).
                        assertThat(assignments(ev)).containsOnlyOnce(agents.get(0).id()).hasSizeBetween(1, 2);
                    } else {
                        // The sweep got there first, between the agent's read and write: the agent is told, nothing is half-done.
                        assertThat(taking.string("detail")).contains("already released");
                        assertThat(summary(c)).containsEntry("assignedUserId", null);
                        assertThat(assignments(ev)).containsExactly((String) null);
                    }
                }),
                new Race("draft send", ConversationRaceTest::withDraftOfAgent0, null,
                        List.of(sendDraft(), sendDraft(), sendDraft(), sendDraft()), (c, answers, ev) -> {
                    assertThat(answers).filteredOn(r -> r.status() == 202).hasSize(1);
                    // A sender that comes after the winner's commit finds no draft any more.
                    assertThat(answers).filteredOn(r -> r.status() != 202).allSatisfy(r -> assertThat(r.status()).isIn(404, 409));
                    @SuppressWarnings("unchecked")
                    var messages = (List<Map<String, Object>>) detail(c).get("messages");
                    assertThat(messages).filteredOn(m -> "OUTBOUND".equals(m.get("direction"))).hasSize(1);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("races")
    void exactlyOneContenderWinsEachConversation(Race race) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                ids.add(race.prepare().apply(this));
            }
            ids.forEach(id -> versions.put(id, summary(id).get("version")));
            if (race.beforeStart() != null) {
                race.beforeStart().run();
            }
            int mark = seen.size();
            Map<String, List<Http.Response>> answers = contend(race, ids);
            List<ConversationEvent> after = List.copyOf(seen.subList(mark, seen.size()));
            String where = race + ", round " + round;
            for (String id : ids) {
                List<Http.Response> mine = answers.get(id);
                mine.stream().filter(r -> r != null && r.status() >= 300).forEach(r -> assertThat(r.status())
                        .as(where + ": a loser is told so: " + r).isIn(404, 409));
                race.verify().verify(id, mine, after.stream().filter(e -> e.conversationId().toString().equals(id)).toList());
            }
        }
    }

    /** Every contender on every conversation, released together by one barrier. */
    private Map<String, List<Http.Response>> contend(Race race, List<String> ids) throws Exception {
        int n = race.contenders().size();
        CyclicBarrier start = new CyclicBarrier(n * ids.size());
        Map<String, List<Future<Http.Response>>> futures = new HashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n * ids.size())) {
            for (String id : ids) {
                List<Future<Http.Response>> mine = new ArrayList<>();
                for (Contender contender : race.contenders()) {
                    mine.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return contender.act().apply(id);
                    }));
                }
                futures.put(id, mine);
            }
            Map<String, List<Http.Response>> answers = new HashMap<>();
            for (var entry : futures.entrySet()) {
                List<Http.Response> list = new ArrayList<>();
                for (Future<Http.Response> f : entry.getValue()) {
                    list.add(f.get(60, TimeUnit.SECONDS));
                }
                answers.put(entry.getKey(), list);
            }
            return answers;
        }
    }

    private List<Contender> each(Function<Integer, Member> who, String action, @Nullable Function<Integer, Map<String, Object>> body) {
        return contenders(who, action, body, false);
    }

    /** Contenders who each send the version of the conversation as the race started (what they saw). */
    private List<Contender> pinnedEach(Function<Integer, Member> who, String action, @Nullable Function<Integer, Map<String, Object>> body) {
        return contenders(who, action, body, true);
    }

    private List<Contender> contenders(Function<Integer, Member> who, String action, @Nullable Function<Integer, Map<String, Object>> body,
                                       boolean pinned) {
        List<Contender> list = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            list.add(call(who.apply(i), action, body == null ? null : body.apply(i), pinned));
        }
        return list;
    }

    private Contender call(Member who, String action, @Nullable Map<String, Object> body) {
        return call(who, action, body, false);
    }

    private Contender call(Member who, String action, @Nullable Map<String, Object> body, boolean pinned) {
        return new Contender(who.name() + " " + action, c -> {
            Map<String, Object> payload = new HashMap<>(body == null ? Map.of() : body);
            if (pinned) {
                payload.put("version", versions.get(c));
            }
            return http.post(path(c, action), who.auth(), payload);
        });
    }

    private Contender sweep(Runnable sweep) {
        return new Contender("sweep", c -> {
            sweep.run();
            return null;
        });
    }

    private Contender sendDraft() {
        return new Contender("send", c -> http.post(path(c, "drafts/" + drafts.get(c) + "/send"), agents.get(0).auth(), Map.of()));
    }

    /** The one contender whose answer is a success; every other answer is a refusal. */
    private static int winner(List<Http.Response> answers) {
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).status() / 100 == 2) {
                winners.add(i);
            }
        }
        assertThat(winners).as("exactly one winner among " + answers).hasSize(1);
        return winners.getFirst();
    }

    private static List<Http.Response> losers(List<Http.Response> answers, int winner) {
        List<Http.Response> losers = new ArrayList<>(answers);
        losers.remove(winner);
        losers.forEach(r -> assertThat(r.status()).as("a loser: " + r).isEqualTo(409));
        return losers;
    }

    private static List<String> assignments(List<ConversationEvent> events) {
        return events.stream().filter(e -> e.type() == ConversationEvent.Type.ASSIGNMENT_CHANGED)
                .map(e -> e.assignedUserId() == null ? null : e.assignedUserId().toString()).toList();
    }

    private static List<ConversationEvent.Type> types(List<ConversationEvent> events) {
        return events.stream().map(ConversationEvent::type).toList();
    }

    // Starting states

    private String fresh() {
        return ingest(UUID.randomUUID().toString(), null);
    }

    private String claimedByAgent0() {
        String c = fresh();
        expect(http.post(path(c, "claim"), agents.get(0).auth(), Map.of()), 200);
        return c;
    }

    private String closedByAgent0() {
        String c = fresh();
        expect(http.post(path(c, "close"), agents.get(0).auth(), Map.of("dispositionId", dispositions.get(0))), 200);
        return c;
    }

    private String offeredToAgent1() {
        String c = claimedByAgent0();
        expect(http.post(path(c, "transfer"), supervisors.get(0).auth(), Map.of("userId", agents.get(1).id())), 200);
        return c;
    }

    /** Held by agent 0, who has the touchpoint's default 10 s to take the customer's follow-up. */
    private String followUpForAgent0() {
        String first = UUID.randomUUID().toString();
        String c = ingest(first, null);
        expect(http.post(path(c, "claim"), agents.get(0).auth(), Map.of()), 200);
        assertThat(ingest(UUID.randomUUID().toString(), first)).isEqualTo(c);
        return c;
    }

    private String withDraftOfAgent0() {
        String c = fresh();
        drafts.put(c, expect(http.post(path(c, "drafts"), agents.get(0).auth(), Map.of("text", "Our answer")), 201).string("id"));
        return c;
    }

    private String ingest(String id, @Nullable String inReplyTo) {
        String raw = "From: Customer <c-" + (inReplyTo == null ? id : inReplyTo) + "@customer.example>\r\nTo: support@race.example.com\r\n"
                + "Subject: Question " + id + "\r\nMessage-ID: <" + id + "@customer.example>\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + "@customer.example>\r\n") + "\r\nHello\r\n";
        return pipeline.ingest(tenant, UUID.fromString(t.touchpointId()), new InboundMail(id, raw.getBytes(StandardCharsets.US_ASCII), null))
                .conversationId().toString();
    }

    private Member member(String local, String name, String role, @Nullable String group) {
        String email = local + "@race.example.com";
        String id = expect(http.post("/api/v1/users", t.admin(), Map.of("email", email, "displayName", name, "role", role,
                "password", TenantFixture.PASSWORD)), 201).string("id");
        if (group != null) {
            expect(http.put("/api/v1/ring-groups/" + group + "/members/" + id, t.admin(), null), 204);
        }
        return new Member(id, name, Auth.bearer(http.login(t.slug(), email, TenantFixture.PASSWORD)));
    }

    private static String path(String conversation, String action) {
        return "/api/v1/conversations/" + conversation + "/" + action;
    }

    private Map<String, Object> detail(String conversation) {
        return expect(http.get("/api/v1/conversations/" + conversation, t.admin()), 200).map();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> summary(String conversation) {
        return (Map<String, Object>) detail(conversation).get("conversation");
    }
}
