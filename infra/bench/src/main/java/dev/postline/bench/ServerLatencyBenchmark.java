package dev.postline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arrival-to-agent-event latency the way users meet it (issue #14, target 2): a running Postline server
 * process, T IMAP touchpoints created through its API on a real Dovecot (one mailbox user each), an agent's
 * view through the real SSE endpoint ({@code GET /api/v1/events}), and mail delivered as an MDA delivers it
 * (a Maildir file written to {@code tmp/} and renamed into {@code new/}, which Dovecot announces to IDLE).
 * Latency = time the SSE client reads the {@code MESSAGE_ADDED} event − time just before the rename. Each
 * probe's sequence number is in its Subject ({@code probe-SEQ}), read back from the conversation detail
 * afterwards. Rates are swept to find the knee: the aggregate rate at which p99 crosses one second.
 * A benchmark, not a test: it prints figures (with the load average) and never fails on a timing.
 *
 * <pre>
 * --url http://127.0.0.1:8080  --tenant SLUG --email ADMIN --password PW   (an admin of a tenant)
 * --dovecot-dir /tmp/postline-bench-dovecot  --imap-port 11143
 * --touchpoints T (100)  --rates R1,R2,... msgs/s per touchpoint (2)  --seconds D per rate (60)  --warmup-seconds (10)
 * --mix small|realistic (realistic)  --seed S (1)
 * </pre>
 */
public final class ServerLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROBE = Pattern.compile("probe-(\\d+)");
    private static final Pattern SUBJECT_LINE = Pattern.compile("(?m)^Subject:[^\\r\\n]*");

    private record Seen(UUID conversationId, UUID messageId, long nanos) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private String token;

    private ServerLatencyBenchmark(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        String url = PostlineBench.arg(args, "--url", "http://127.0.0.1:8080");
        String tenant = PostlineBench.arg(args, "--tenant", "bench");
        String email = PostlineBench.arg(args, "--email", "admin@bench.example");
        String password = PostlineBench.arg(args, "--password", "bench-admin-password-1");
        Path dovecot = Path.of(PostlineBench.arg(args, "--dovecot-dir", "/tmp/postline-bench-dovecot"));
        int imapPort = PostlineBench.intArg(args, "--imap-port", 11143);
        int touchpoints = PostlineBench.intArg(args, "--touchpoints", 100);
        int[] rates = Arrays.stream(PostlineBench.arg(args, "--rates", "2").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = PostlineBench.intArg(args, "--seconds", 60);
        int warmup = PostlineBench.intArg(args, "--warmup-seconds", 10);
        String mixName = PostlineBench.arg(args, "--mix", "realistic");
        long seed = PostlineBench.intArg(args, "--seed", 1);

        ServerLatencyBenchmark bench = new ServerLatencyBenchmark(url);
        bench.login(tenant, email, password);
        List<Path> maildirs = bench.mailboxes(dovecot, imapPort, touchpoints);
        IntFunction<byte[]> mix = mix(mixName, seed);

        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        Thread sse = bench.listen(seen);
        try {
            int seq = 0;
            if (warmup > 0) {
                seq += feed(maildirs, rates[0], warmup, mix, seq, null);
                PostlineBench.sleep(3_000);
                System.out.printf("warm-up: %,d messages in %d s, not measured%n", seq, warmup);
            }
            System.out.println("| touchpoints × rate | aggregate | delivered | events | lost | p50 | p95 | p99 | max | load average |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            for (int rate : rates) {
                seen.clear();
                int first = seq;
                int total = touchpoints * rate * seconds;
                long[] sent = new long[total];
                String load0 = loadAverage();
                long start = System.nanoTime();
                int fed = feed(maildirs, rate, seconds, mix, first, sent);
                double feedSeconds = (System.nanoTime() - start) / 1e9;
                long until = System.nanoTime() + 30_000_000_000L;
                while (seen.size() < fed && System.nanoTime() < until) {
                    PostlineBench.sleep(100);
                }
                seq += fed;
                bench.report(touchpoints, rate, first, fed, feedSeconds, sent, seen, load0 + " → " + loadAverage());
            }
        } finally {
            sse.interrupt();
        }
    }

    private static IntFunction<byte[]> mix(String name, long seed) {
        if (name.equals("small")) {
            MessageMix small = new MessageMix(seed);
            return small::next;
        }
        if (!name.equals("realistic")) {
            throw new IllegalArgumentException("--mix must be realistic or small");
        }
        RealisticMix realistic = new RealisticMix(seed, java.time.Instant.now(), 0);
        return n -> realistic.next(n, java.time.Instant.now());
    }

    private void login(String tenant, String email, String password) throws Exception {
        JsonNode body = send("POST", "/api/v1/auth/login", Map.of("tenant", tenant, "email", email, "password", password));
        token = body.get("accessToken").asText();
    }

    /**
     * T Dovecot users (added to its passwd file) with empty Maildirs, and a touchpoint for each, created
     * over the API unless one with that address exists; waits until every touchpoint is connected.
     */
    private List<Path> mailboxes(Path dovecot, int imapPort, int count) throws Exception {
        Path users = dovecot.resolve("users");
        List<String> lines = new ArrayList<>(Files.readAllLines(users));
        UserPrincipal owner = Files.getOwner(dovecot.resolve("home"), LinkOption.NOFOLLOW_LINKS);
        GroupPrincipal group = Files.readAttributes(dovecot.resolve("home"), java.nio.file.attribute.PosixFileAttributes.class).group();
        List<Path> maildirs = new ArrayList<>();
        JsonNode existing = send("GET", "/api/v1/touchpoints", null);
        List<String> addresses = new ArrayList<>();
        existing.forEach(t -> addresses.add(t.get("address").asText()));
        for (int i = 0; i < count; i++) {
            String user = "lat" + i;
            String address = user + "@latency.example";
            if (lines.stream().noneMatch(l -> l.startsWith(user + ":"))) {
                lines.add(user + ":{PLAIN}lat-password-" + i);
            }
            Path maildir = dovecot.resolve("home").resolve(user).resolve("Maildir");
            for (String sub : List.of("cur", "new", "tmp")) {
                Files.createDirectories(maildir.resolve(sub));
            }
            chownTree(dovecot.resolve("home").resolve(user), owner, group);
            maildirs.add(maildir);
        }
        // Every user in place before the first touchpoint logs in: Dovecot re-reads its passwd file when its
        // mtime changes, in whole seconds, so a user appended within the second of a read went unseen (and
        // that touchpoint's first login failed: authorization lost, a stopped sync).
        Files.write(users, lines);
        PostlineBench.sleep(1_100);
        for (int i = 0; i < count; i++) {
            String user = "lat" + i;
            String address = user + "@latency.example";
            if (!addresses.contains(address)) {
                JsonNode created = send("POST", "/api/v1/touchpoints", Map.of("address", address, "displayName", "Latency " + i,
                        "connector", "imap", "direction", "INBOUND", "enabled", true, "ringGroupIds", List.of(),
                        "settings", Map.of("preset", "custom", "imapHost", "127.0.0.1", "imapPort", Integer.toString(imapPort),
                                "imapTls", "plain", "username", user, "folder", "INBOX", "initialImportDays", "0")));
                send("PUT", "/api/v1/touchpoints/" + created.get("id").asText() + "/credential", Map.of("password", "lat-password-" + i));
            }
        }
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            long connected = 0;
            for (JsonNode t : send("GET", "/api/v1/touchpoints", null)) {
                if (t.get("address").asText().endsWith("@latency.example") && "CONNECTED".equals(t.path("connectionState").asText())) {
                    connected++;
                }
            }
            if (connected >= count) {
                System.out.printf("%d touchpoints connected to Dovecot on 127.0.0.1:%d%n", count, imapPort);
                PostlineBench.sleep(2_000); // every loop in IDLE
                return maildirs;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + connected + " of " + count + " touchpoints connected after 180 s");
            }
            PostlineBench.sleep(500);
        }
    }

    private static void chownTree(Path root, UserPrincipal owner, GroupPrincipal group) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                view.setOwner(owner);
                view.setGroup(group);
            }
        }
    }

    /** The agent's view: reads the SSE stream and stamps every MESSAGE_ADDED as it arrives. */
    private Thread listen(ConcurrentLinkedQueue<Seen> seen) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/events answered " + response.statusCode());
        }
        Thread reader = Thread.ofPlatform().daemon().name("sse").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains("MESSAGE_ADDED")) {
                        long now = System.nanoTime();
                        JsonNode event = JSON.readTree(line.substring(5));
                        seen.add(new Seen(UUID.fromString(event.get("conversationId").asText()),
                                UUID.fromString(event.get("messageId").asText()), now));
                    }
                }
            } catch (IOException e) {
                System.err.println("event stream ended: " + e);
            }
        });
        return reader;
    }

    /**
     * Delivers {@code mailboxes × rate × seconds} messages, one every 1/(mailboxes·rate) s, round robin, as
     * an MDA does (write to tmp/, rename into new/); {@code sent[i]} gets the nanoTime just before the rename.
     */
    private static int feed(List<Path> maildirs, int rate, int seconds, IntFunction<byte[]> mix, int first, long[] sent)
            throws IOException {
        int total = maildirs.size() * rate * seconds;
        long interval = 1_000_000_000L / ((long) maildirs.size() * rate);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int n = first + i;
            byte[] raw = SUBJECT_LINE.matcher(new String(mix.apply(n), StandardCharsets.ISO_8859_1))
                    .replaceFirst("Subject: probe-" + n).getBytes(StandardCharsets.ISO_8859_1);
            Path maildir = maildirs.get(i % maildirs.size());
            String name = System.currentTimeMillis() / 1000 + ".P" + ProcessHandle.current().pid() + "Q" + n + ".postline-bench";
            Path tmp = maildir.resolve("tmp").resolve(name);
            Files.write(tmp, raw, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (sent != null) {
                sent[i] = System.nanoTime();
            }
            Files.move(tmp, maildir.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
        return total;
    }

    private void report(int touchpoints, int rate, int first, int fed, double feedSeconds, long[] sent,
                        ConcurrentLinkedQueue<Seen> seen, String load) throws Exception {
        Map<UUID, Integer> sequenceOf = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        for (Seen s : seen) {
            Integer n = sequenceOf.get(s.messageId());
            if (n == null) {
                JsonNode detail = send("GET", "/api/v1/conversations/" + s.conversationId(), null);
                for (JsonNode m : detail.get("messages")) {
                    Matcher probe = PROBE.matcher(m.path("subject").asText());
                    if (probe.find()) {
                        sequenceOf.put(UUID.fromString(m.get("id").asText()), Integer.parseInt(probe.group(1)));
                    }
                }
                n = sequenceOf.get(s.messageId());
            }
            if (n != null && n >= first && n < first + fed) {
                latencies.add(s.nanos() - sent[n - first]);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("| %d × %d/s | %.0f msg/s | %,d | %,d | %,d | %s | %s | %s | %s | %s |%n", touchpoints, rate, fed / feedSeconds, fed,
                sorted.length, fed - sorted.length, ms(sorted, 50), ms(sorted, 95), ms(sorted, 99), ms(sorted, 100), load);
    }

    private static String ms(long[] sorted, int p) {
        if (sorted.length == 0) {
            return "–";
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return String.format("%.0f ms", sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6);
    }

    private JsonNode send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
