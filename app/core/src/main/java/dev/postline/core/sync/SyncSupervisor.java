package dev.postline.core.sync;

import dev.postline.connectors.api.InitialSync;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.ingest.UnfetchableMail;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link TouchpointSync} per enabled inbound touchpoint, on virtual threads. Every
 * rescan interval (2 s by default) it compares what runs with what should run, so enabling,
 * disabling, editing or deleting a touchpoint takes effect within seconds without a restart.
 * A touchpoint whose authorization is lost (EXPIRED) is not restarted until an admin acts.
 */
@Singleton
@Requires(property = "postline.sync.enabled", notEquals = "false")
public class SyncSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(SyncSupervisor.class);

    /** A running loop and the touchpoint version it was started for. */
    private record Running(TouchpointSync sync, Thread thread, String fingerprint) {}

    private final Map<java.util.UUID, Running> running = new ConcurrentHashMap<>();
    private final TenantRepository tenants;
    private final TouchpointRepository touchpoints;
    private final TouchpointSettingsCodec settingsCodec;
    private final ConnectorSessions sessions;
    private final SyncEligibility eligibility;
    private final TenantTransactions tx;
    private final SyncSettings settings;
    private final TouchpointSync.Dependencies deps;
    private final Clock clock;
    private volatile Thread scanner;
    private final java.util.concurrent.CountDownLatch shutdownSignal = new java.util.concurrent.CountDownLatch(1);

    public SyncSupervisor(TenantRepository tenants, TouchpointRepository touchpoints, TouchpointSettingsCodec settingsCodec,
                          ConnectorSessions sessions, SyncEligibility eligibility, TenantTransactions tx, SyncSettings settings,
                          IngestionPipeline pipeline, SyncStates states, SyncReporter reporter, UnfetchableMail unfetchable,
                          Clock clock) {
        this.tenants = tenants;
        this.touchpoints = touchpoints;
        this.settingsCodec = settingsCodec;
        this.sessions = sessions;
        this.eligibility = eligibility;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
        this.deps = new TouchpointSync.Dependencies(pipeline, states, reporter, settings,
                new Semaphore(settings.getMaxConcurrentConnects()), clock, unfetchable);
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        start();
    }

    /** An admin asked to reconnect: the loop restarts now instead of after its backoff. */
    @EventListener
    void onRetryNow(RetryNow request) {
        stop(request.touchpointId());
        rescan();
    }

    /** Starts the rescan loop (idempotent). */
    public synchronized void start() {
        if (scanner != null) {
            return;
        }
        scanner = Thread.ofVirtual().name("sync-supervisor").start(() -> {
            while (shutdownSignal.getCount() > 0) {
                try {
                    rescan();
                } catch (RuntimeException e) {
                    LOG.error("Sync rescan failed; trying again", e);
                }
                try {
                    shutdownSignal.await(settings.getRescanInterval().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Aligns running loops with the touchpoints that should sync now. */
    public void rescan() {
        Map<java.util.UUID, Touchpoint> wanted = new HashMap<>();
        for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
            TenantId id = tenant.tenantId();
            for (Touchpoint t : tx.read(id, () -> touchpoints.findByTenantIdOrderByNameKey(id.value()))) {
                if (eligibility.shouldSync(t)) {
                    wanted.put(t.id(), t);
                }
            }
        }
        // A loop that ended by itself (authorization lost, or died) is no longer running: if its
        // touchpoint should sync again (re-authenticated in the meantime), it is started anew below.
        running.entrySet().removeIf(entry -> !entry.getValue().thread().isAlive());
        running.forEach((id, run) -> {
            Touchpoint t = wanted.get(id);
            if (t == null || !fingerprint(t).equals(run.fingerprint())) {
                stop(id);
            }
        });
        wanted.values().forEach(t -> running.computeIfAbsent(t.id(), id -> launch(t)));
    }

    public int runningCount() {
        return running.size();
    }

    /**
     * A change notification says the touchpoint's mailbox may have changed: its loop fetches now
     * rather than at its next poll. Only a hint — mail still comes through the stored cursor, so a
     * hint can cost at most one extra fetch. Does nothing when the touchpoint has no running loop.
     *
     * @return whether a running loop of that tenant's touchpoint was hinted
     */
    public boolean hint(TenantId tenant, java.util.UUID touchpointId) {
        Running run = running.get(touchpointId);
        if (run == null || !run.sync().tenant().equals(tenant) || !run.thread().isAlive()) {
            return false;
        }
        run.sync().hint();
        return true;
    }

    @PreDestroy
    public synchronized void shutdown() {
        shutdownSignal.countDown();
        scanner = null;
        List<Thread> threads = running.values().stream().map(Running::thread).toList();
        running.keySet().forEach(this::stop);
        // Let loops finish their current message before the database pool goes away.
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What, when it changes, means the loop must restart with the new configuration. */
    private static String fingerprint(Touchpoint t) {
        return t.settings() + "|" + t.connectorKind() + "|" + t.direction();
    }

    private Running launch(Touchpoint t) {
        TenantId tenant = TenantId.of(t.tenantId());
        TouchpointSync sync = new TouchpointSync(tenant, t.id(), sessions.forTouchpoint(t).orElseThrow(),
                initialSync(settingsCodec.read(t.settings())), deps);
        Thread thread = Thread.ofVirtual().name("sync-" + t.id()).start(sync);
        LOG.info("Started sync of touchpoint {} ({})", t.id(), t.connectorKind().wireName());
        return new Running(sync, thread, fingerprint(t));
    }

    /** "Only new mail from now on" unless the touchpoint asks to import the last N days. */
    private InitialSync initialSync(Map<String, String> touchpointSettings) {
        String days = touchpointSettings.getOrDefault("initialImportDays", "0");
        try {
            int n = Integer.parseInt(days);
            return n <= 0 ? InitialSync.fromNow() : InitialSync.since(clock.instant().minus(Duration.ofDays(n)));
        } catch (NumberFormatException e) {
            return InitialSync.fromNow();
        }
    }

    private void stop(java.util.UUID id) {
        Running run = running.remove(id);
        if (run != null) {
            run.sync().stop();
            LOG.info("Stopped sync of touchpoint {}", id);
        }
    }
}
