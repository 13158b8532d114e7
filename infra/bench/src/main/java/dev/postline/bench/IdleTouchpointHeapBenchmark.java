package dev.postline.bench;

import dev.postline.core.tenant.TenantId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * Heap per idle touchpoint: K IMAP touchpoints (one tenant), each connected to its own empty mailbox
 * on a GreenMail running in a separate JVM ({@link StandaloneGreenMail}, so the server's objects are not
 * counted), synced once and then waiting in IMAP IDLE. Live heap (used after full GCs) is read with
 * 0 touchpoints, with W (warm-up: first-use caches and class initialisation) and with K; the marginal
 * cost is (heap(K) − heap(W)) / (K − W). A class histogram diff between W and K shows what it is.
 * Virtual threads blocked in a socket read are unmounted: their stacks are heap objects
 * (jdk.internal.vm.StackChunk) and are counted.
 *
 * <pre>--db h2|pg (h2)  --touchpoints K (200)  --warm W (10)</pre>
 */
public final class IdleTouchpointHeapBenchmark {

    public static void main(String[] args) throws Exception {
        PostlineBench.quietLogs();
        String db = PostlineBench.arg(args, "--db", "h2");
        int k = PostlineBench.intArg(args, "--touchpoints", 200);
        int warm = PostlineBench.intArg(args, "--warm", 10);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                StandaloneGreenMail.class.getName(), "--users", Integer.toString(k))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = readPort(server);
            System.out.printf("GreenMail (separate JVM, pid %d) on 127.0.0.1:%d with %d mailboxes%n", server.pid(), port, k);
            try (PostlineBench bench = new PostlineBench(db, List.of(port), 100,
                    Map.of("postline.sync.max-concurrent-connects", "16"))) {
                TenantId tenant = bench.createTenant("heap");
                bench.startSync();
                PostlineBench.sleep(2_000);
                long zero = liveHeap();
                addTouchpoints(bench, tenant, port, 0, warm);
                long warmHeap = liveHeap();
                Map<String, long[]> before = histogram();
                long t = System.nanoTime();
                addTouchpoints(bench, tenant, port, warm, k);
                System.out.printf("%d touchpoints connected, synced and in IDLE after %.1f s%n", k, (System.nanoTime() - t) / 1e9);
                long full = liveHeap();
                Map<String, long[]> after = histogram();
                int threads = Thread.activeCount();
                System.out.printf("%s: live heap with 0 touchpoints %.1f MB, with %d %.1f MB, with %d %.1f MB%n",
                        db.toUpperCase(), zero / 1e6, warm, warmHeap / 1e6, k, full / 1e6);
                System.out.printf("RESULT %s heap per idle touchpoint: %.1f KB marginal ((heap(%d) - heap(%d)) / %d), "
                                + "%.1f KB including first-use costs ((heap(%d) - heap(0)) / %d)%n", db.toUpperCase(),
                        (full - warmHeap) / 1024.0 / (k - warm), k, warm, k - warm, (full - zero) / 1024.0 / k, k, k);
                System.out.printf("(platform threads alive: %d; sync loops running: %d)%n", threads, bench.runningSyncs());
                printDiff(before, after, k - warm);
            }
        } finally {
            server.getOutputStream().close(); // StandaloneGreenMail stops at EOF
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroy();
            }
        }
    }

    private static void addTouchpoints(PostlineBench bench, TenantId tenant, int port, int from, int to) {
        for (int i = from; i < to; i++) {
            bench.createImapTouchpoint(tenant, "idle-" + i + "@heap.example", port, "idle-" + i + "@heap.example", "pw");
        }
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (bench.connectedTouchpoints(tenant) < to) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + bench.connectedTouchpoints(tenant) + " of " + to + " connected");
            }
            PostlineBench.sleep(250);
        }
        PostlineBench.sleep(3_000); // from "synced" into IDLE
    }

    private static int readPort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("GreenMail did not start");
    }

    /** Used heap after full collections (several, until it stops shrinking). */
    private static long liveHeap() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            PostlineBench.sleep(200);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** Class histogram of live objects (a full GC first): class name → {instances, bytes}. */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return classes;
    }

    private static void printDiff(Map<String, long[]> before, Map<String, long[]> after, int added) {
        List<Map.Entry<String, long[]>> growth = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
            total += d[1];
            growth.add(Map.entry(e.getKey(), d));
        }
        growth.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        System.out.printf("class histogram growth for %d more touchpoints: %.1f KB per touchpoint in total; largest:%n",
                added, total / 1024.0 / added);
        for (Map.Entry<String, long[]> e : growth.subList(0, Math.min(18, growth.size()))) {
            System.out.printf("  %8.1f KB/tp %7.1f obj/tp  %s%n", e.getValue()[1] / 1024.0 / added,
                    e.getValue()[0] / (double) added, e.getKey());
        }
    }
}
