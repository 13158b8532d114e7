package dev.postline.bench;

import java.io.IOException;
import java.io.StringReader;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills a PostgreSQL database that the server has already migrated (Flyway, at its first start) with
 * an agent-queue data set: by default 300,000 conversations and 1,000,000 messages in one tenant
 * (plus a small second tenant, so every query has a neighbour to keep out), with several touchpoints,
 * ring groups of very different sizes, agents, and a spread of statuses, assignments, unread and
 * report service names like a contact center's history (most conversations closed, a working set
 * open). Rows go in with {@code COPY … FROM STDIN} (pgjdbc {@link CopyManager}) in chunks.
 *
 * <p>Connect as a superuser (the bench uses {@code postgres} on 127.0.0.1 with trust auth): COPY FROM
 * is not allowed on tables with forced row-level security for roles that are subject to it.
 *
 * <p>Sign-in: every user's password is {@code bench-password-1} (PBKDF2 in the server's format, with
 * few iterations so signing in is cheap). Tenant slug {@code bench}; users {@code admin@bench.test},
 * {@code supervisor@bench.test}, {@code agent1@bench.test} … Deterministic for a given {@code --seed}.
 *
 * <p>Run: {@code java -cp postgresql.jar QueueDataLoader.java --url jdbc:postgresql://127.0.0.1:5432/db?user=postgres}
 * (options {@code --conversations N}, {@code --messages M}, {@code --seed S}).
 */
public final class QueueDataLoader {

    static final String PASSWORD = "bench-password-1";
    private static final int CHUNK = 20_000;
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    /** Ring groups: name and share of touchpoint links (a small "VIP" group on purpose). */
    private static final String[] GROUPS = {"Support", "Billing", "Sales", "Returns", "Tech L2", "Partners", "Escalations", "VIP"};

    /** Touchpoints: address, share of conversations, linked group indexes, report service name. */
    private record TouchpointSpec(String address, double share, int[] groups, String reportService) {}

    private static final TouchpointSpec[] TOUCHPOINTS = {
            new TouchpointSpec("support@acme.test", 0.34, new int[] {0}, "Customer Care"),
            new TouchpointSpec("billing@acme.test", 0.20, new int[] {1}, "Billing"),
            new TouchpointSpec("sales@acme.test", 0.14, new int[] {2}, "Sales"),
            new TouchpointSpec("returns@acme.test", 0.12, new int[] {3, 0}, "Customer Care"),
            new TouchpointSpec("tech@acme.test", 0.10, new int[] {4}, "Technical"),
            new TouchpointSpec("partners@acme.test", 0.05, new int[] {5, 2}, "Sales"),
            new TouchpointSpec("escalations@acme.test", 0.04, new int[] {6, 4}, "customer care"),
            new TouchpointSpec("vip@acme.test", 0.01, new int[] {7}, "VIP Desk"),
    };

    private final Connection db;
    private final CopyManager copy;
    private final Random random;

    private QueueDataLoader(Connection db, long seed) throws SQLException {
        this.db = db;
        this.copy = db.unwrap(PGConnection.class).getCopyAPI();
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:5432/postline_queue_bench?user=postgres";
        int conversations = 300_000;
        int messages = 1_000_000;
        long seed = 1;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--conversations" -> conversations = Integer.parseInt(args[i + 1]);
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long start = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url)) {
            db.setAutoCommit(false);
            QueueDataLoader loader = new QueueDataLoader(db, seed);
            loader.load("bench", "Bench Corp", conversations, messages, 40);
            loader.load("other", "Other Corp", Math.max(1, conversations / 100), Math.max(1, messages / 100), 4);
            db.commit();
            db.setAutoCommit(true);
            try (Statement s = db.createStatement()) {
                s.execute("ANALYZE");
            }
        }
        System.out.printf("loaded %,d conversations and %,d messages (+1%% in a second tenant) in %.1f s%n",
                conversations, messages, (System.nanoTime() - start) / 1e9);
    }

    private void load(String slug, String name, int conversationCount, int messageCount, int agentCount)
            throws Exception {
        UUID tenant = uuid();
        exec("INSERT INTO tenant (id, slug, name, created_at) VALUES ('" + tenant + "', '" + slug + "', '" + name + "', now())");
        String hash = hash(PASSWORD);

        // Users: one admin, two supervisors, agents; each agent in one to three ring groups.
        List<UUID> agents = new ArrayList<>();
        StringBuilder users = new StringBuilder();
        users.append(user(tenant, "admin@" + slug + ".test", "Admin", "ADMIN", hash));
        users.append(user(tenant, "supervisor@" + slug + ".test", "Supervisor", "SUPERVISOR", hash));
        users.append(user(tenant, "supervisor2@" + slug + ".test", "Supervisor Two", "SUPERVISOR", hash));
        for (int i = 1; i <= agentCount; i++) {
            UUID id = uuid();
            agents.add(id);
            users.append(id).append(",").append(tenant).append(",agent").append(i).append("@").append(slug).append(".test,agent")
                    .append(i).append("@").append(slug).append(".test,Agent ").append(i).append(",AGENT,").append(hash)
                    .append(",t,2026-01-01 00:00:00+00,0\n");
        }
        copyIn("user_account (id, tenant_id, email, email_key, display_name, role, password_hash, enabled, created_at, session_version)",
                users);

        UUID[] groups = new UUID[GROUPS.length];
        StringBuilder groupRows = new StringBuilder();
        for (int g = 0; g < GROUPS.length; g++) {
            groups[g] = uuid();
            groupRows.append(groups[g]).append(",").append(tenant).append(",").append(GROUPS[g]).append(",")
                    .append(GROUPS[g].toLowerCase()).append(",\"\",2026-01-01 00:00:00+00\n");
        }
        copyIn("ring_group (id, tenant_id, name, name_key, description, created_at)", groupRows);

        // agent1: Support + VIP (a big and a tiny group); agent2: VIP only; the rest spread out.
        List<List<Integer>> agentGroups = new ArrayList<>();
        StringBuilder members = new StringBuilder();
        List<List<UUID>> groupMembers = new ArrayList<>();
        for (int g = 0; g < GROUPS.length; g++) {
            groupMembers.add(new ArrayList<>());
        }
        for (int a = 0; a < agents.size(); a++) {
            List<Integer> mine = new ArrayList<>();
            if (a == 0) {
                mine.add(0);
                mine.add(7);
            } else if (a == 1) {
                mine.add(7);
            } else {
                int n = 1 + random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    int g = random.nextInt(GROUPS.length - 1);
                    if (!mine.contains(g)) {
                        mine.add(g);
                    }
                }
            }
            agentGroups.add(mine);
            for (int g : mine) {
                groupMembers.get(g).add(agents.get(a));
                members.append(uuid()).append(",").append(tenant).append(",").append(groups[g]).append(",").append(agents.get(a)).append("\n");
            }
        }
        copyIn("ring_group_member (id, tenant_id, ring_group_id, user_id)", members);

        UUID[] touchpoints = new UUID[TOUCHPOINTS.length];
        StringBuilder tps = new StringBuilder();
        StringBuilder links = new StringBuilder();
        for (int t = 0; t < TOUCHPOINTS.length; t++) {
            TouchpointSpec spec = TOUCHPOINTS[t];
            touchpoints[t] = uuid();
            String address = spec.address().replace("acme", slug);
            // Disabled: the server must not try to sync them; the queue does not care.
            tps.append(touchpoints[t]).append(",").append(tenant).append(",").append(address).append(",").append(address).append(",")
                    .append(address).append(",imap,INBOUND,f,\"{}\",DISABLED,2026-01-01 00:00:00+00,2026-01-01 00:00:00+00,")
                    .append(csv("[{\"key\":\"brand\",\"value\":\"" + slug + "\"}]")).append(",").append(spec.reportService()).append("\n");
            for (int g : spec.groups()) {
                links.append(uuid()).append(",").append(tenant).append(",").append(touchpoints[t]).append(",").append(groups[g]).append("\n");
            }
        }
        copyIn("touchpoint (id, tenant_id, address, display_name, name_key, connector_kind, direction, enabled, settings, "
                + "connection_state, created_at, updated_at, data_source, report_service_name)", tps);
        copyIn("touchpoint_ring_group (id, tenant_id, touchpoint_id, ring_group_id)", links);
        // The VIP touchpoint lets no agent preview before claiming (exercises the per-touchpoint preview setting).
        copyIn("touchpoint_preview_denial (id, tenant_id, touchpoint_id, role)",
                new StringBuilder().append(uuid()).append(",").append(tenant).append(",").append(touchpoints[7]).append(",AGENT\n"));

        loadConversations(tenant, slug, conversationCount, messageCount, touchpoints, groups, groupMembers, agents);
        exec("INSERT INTO tenant_counter (id, tenant_id, name, counter_value) VALUES ('" + uuid() + "', '" + tenant
                + "', 'conversation', " + (999 + conversationCount) + ")");
    }

    private void loadConversations(UUID tenant, String slug, int count, int messageCount, UUID[] touchpoints, UUID[] groups,
                                   List<List<UUID>> groupMembers, List<UUID> agents) throws SQLException, IOException {
        // Messages per conversation: 1 + a geometric-ish spread, scaled so the total is exactly messageCount.
        int[] perConversation = new int[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            perConversation[i] = 1;
            total++;
        }
        while (total < messageCount) {
            int i = random.nextInt(count);
            if (perConversation[i] < 40) {
                perConversation[i]++;
                total++;
            }
        }
        long yearMillis = ChronoUnit.DAYS.getDuration().toMillis() * 365;
        StringBuilder conversations = new StringBuilder();
        StringBuilder queues = new StringBuilder();
        StringBuilder messages = new StringBuilder();
        StringBuilder mentions = new StringBuilder();
        UUID previous = null;
        long previousNumber = 0;
        for (int i = 0; i < count; i++) {
            UUID id = uuid();
            long number = 1000 + i;
            int t = pickTouchpoint();
            TouchpointSpec spec = TOUCHPOINTS[t];
            // Newer conversations are more often open; activity skewed to recent months.
            double age = Math.pow(random.nextDouble(), 2);
            Instant last = NOW.minusMillis((long) (age * yearMillis));
            if (random.nextInt(50) == 0) {
                last = last.truncatedTo(ChronoUnit.MINUTES); // ties on last_message_at, as a batch import makes
            }
            int n = perConversation[i];
            Instant created = last.minus(n * 37L, ChronoUnit.MINUTES);
            boolean open = age < 0.02 ? random.nextInt(10) < 7 : random.nextInt(100) < 4;
            String status = open ? "OPEN" : "CLOSED";
            UUID assigned = null;
            List<UUID> eligible = groupMembers.get(spec.groups()[0]);
            if (!eligible.isEmpty() && (open ? random.nextInt(10) < 6 : random.nextInt(10) < 9)) {
                assigned = eligible.get(random.nextInt(eligible.size()));
            }
            boolean unread = open ? random.nextBoolean() : random.nextInt(50) == 0;
            boolean blocked = random.nextInt(200) == 0;
            String customer = "customer" + random.nextInt(count) + "@mail" + random.nextInt(500) + ".test";
            String subject = "Order " + (100000 + random.nextInt(900000)) + " question " + i;
            conversations.append(id).append(",").append(tenant).append(",").append(touchpoints[t]).append(",").append(number).append(",")
                    .append(subject).append(",").append(customer).append(",Customer ").append(i).append(",").append(status).append(",")
                    .append(blocked ? "t" : "f").append(",").append(assigned == null ? "" : assigned).append(",,").append(unread ? "t" : "f")
                    .append(",").append(created).append(",").append(last).append(",")
                    .append(csv("[{\"key\":\"brand\",\"value\":\"" + slug + "\"}]")).append(",").append(spec.reportService()).append(",")
                    .append(spec.reportService().toLowerCase()).append(",0\n");
            for (int g : spec.groups()) {
                queues.append(uuid()).append(",").append(tenant).append(",").append(id).append(",").append(groups[g]).append("\n");
            }
            if (previous != null && random.nextInt(100) == 0) {
                mentions.append(uuid()).append(",").append(tenant).append(",").append(id).append(",").append(previous).append(",")
                        .append(previousNumber).append(",").append(created).append("\n");
            }
            for (int m = 0; m < n; m++) {
                boolean inbound = m % 2 == 0;
                Instant at = m == n - 1 ? last : created.plus(m * 37L, ChronoUnit.MINUTES);
                String from = inbound ? customer : spec.address().replace("acme", slug);
                String to = inbound ? spec.address().replace("acme", slug) : customer;
                messages.append(uuid()).append(",").append(tenant).append(",").append(id).append(",").append(touchpoints[t]).append(",")
                        .append(inbound ? "INBOUND" : "OUTBOUND").append(",").append(inbound ? "imap:1:" + i + "-" + m : "").append(",<")
                        .append(id).append(".").append(m).append("@").append(slug).append(".test>,,").append(from).append(",\"\",")
                        .append(csv("[{\"address\":\"" + to + "\",\"name\":\"\"}]")).append(",[],").append("Re: ").append(subject).append(",")
                        .append(at).append(",").append(at).append(",")
                        .append(csv("Hello,\nthis is message " + m + " of conversation #" + number + ". "
                                + "The parcel has not arrived yet; could you look into it? Thanks, and kind regards."))
                        .append(",,").append(String.format("%064x", (long) i * 64 + m)).append(",1500,\"\",")
                        .append(inbound ? "" : "SENT").append("\n");
            }
            previous = id;
            previousNumber = number;
            if ((i + 1) % CHUNK == 0 || i == count - 1) {
                copyIn("conversation (id, tenant_id, touchpoint_id, number, subject, customer_address, customer_name, status, blocked, "
                        + "assigned_user_id, agent_deadline, unread, created_at, last_message_at, data_source, report_service_name, "
                        + "report_service_key, version)", conversations);
                copyIn("conversation_queue (id, tenant_id, conversation_id, ring_group_id)", queues);
                copyIn("mail_message (id, tenant_id, conversation_id, touchpoint_id, direction, provider_id, message_id_header, "
                        + "dedupe_key, from_address, from_name, to_addresses, cc_addresses, subject, sent_at, received_at, text_body, "
                        + "html_body, raw_blob, raw_size, flags, delivery_status)", messages);
                copyIn("conversation_mention (id, tenant_id, conversation_id, mentioned_conversation_id, mentioned_number, created_at)",
                        mentions);
                db.commit();
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf("  %s: %,d conversations%n", slug, i + 1);
                }
            }
        }
    }

    private int pickTouchpoint() {
        double r = random.nextDouble();
        double sum = 0;
        for (int t = 0; t < TOUCHPOINTS.length; t++) {
            sum += TOUCHPOINTS[t].share();
            if (r < sum) {
                return t;
            }
        }
        return 0;
    }

    private String user(UUID tenant, String email, String name, String role, String hash) {
        return uuid() + "," + tenant + "," + email + "," + email + "," + name + "," + role + "," + hash + ",t,2026-01-01 00:00:00+00,0\n";
    }

    private void copyIn(String table, StringBuilder rows) throws SQLException, IOException {
        if (rows.isEmpty()) {
            return;
        }
        copy.copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv)", new StringReader(rows.toString()));
        rows.setLength(0);
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private UUID uuid() {
        return new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L, random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L);
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** The server's PasswordHasher format (pbkdf2-sha256$iterations$salt$hash), few iterations: a bench, not a vault. */
    private static String hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 1000;
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }
}
