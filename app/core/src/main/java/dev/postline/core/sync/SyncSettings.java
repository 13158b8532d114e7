package dev.postline.core.sync;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the sync supervisor behaves ({@code postline.sync.*}). {@code allowPrivateNetworks} switches
 * the tenant-host deny list off for self-hosted installations whose mail servers are on private
 * networks (and for tests against 127.0.0.1); {@code extraPorts} adds ports beyond the mail ports.
 */
@ConfigurationProperties("postline.sync")
public class SyncSettings {

    private boolean enabled = true;
    private Duration rescanInterval = Duration.ofSeconds(2);
    private Duration reconcileInterval = Duration.ofMinutes(1);
    private int batchSize = 100;
    private long batchBytes = 16L * 1024 * 1024;
    private int maxConcurrentConnects = 8;
    private Duration maxBackoff = Duration.ofMinutes(5);
    private Duration networkMaxBackoff = Duration.ofSeconds(30);
    private Duration resyncWindow = Duration.ofDays(7);
    private boolean allowPrivateNetworks;
    private List<Integer> extraPorts = new ArrayList<>();
    private int maxFetchAttempts = 3;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Duration getRescanInterval() { return rescanInterval; }
    public void setRescanInterval(Duration rescanInterval) { this.rescanInterval = rescanInterval; }
    /** Longest wait for changes before fetching anyway: push and IDLE are hints, this is the truth. */
    public Duration getReconcileInterval() { return reconcileInterval; }
    public void setReconcileInterval(Duration reconcileInterval) { this.reconcileInterval = reconcileInterval; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    /**
     * Most raw bytes one fetched batch may hold (always at least one message): with two batches in flight
     * per importing touchpoint (one committing, one prepared), this bounds an import's memory whatever the
     * size of the mail. Connectors that cannot tell sizes before fetching ignore it.
     */
    public long getBatchBytes() { return batchBytes; }
    public void setBatchBytes(long batchBytes) { this.batchBytes = Math.max(1, batchBytes); }
    public int getMaxConcurrentConnects() { return maxConcurrentConnects; }
    public void setMaxConcurrentConnects(int maxConcurrentConnects) { this.maxConcurrentConnects = maxConcurrentConnects; }
    public Duration getMaxBackoff() { return maxBackoff; }
    public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    /**
     * Longest pause between reconnects after a network failure of a touchpoint that synced within the
     * last hour: mail flows again at most this long after its server is back.
     */
    public Duration getNetworkMaxBackoff() { return networkMaxBackoff; }
    public void setNetworkMaxBackoff(Duration networkMaxBackoff) { this.networkMaxBackoff = networkMaxBackoff; }
    /** After an invalidated cursor, how far back the bounded resync looks (dedupe absorbs repeats). */
    public Duration getResyncWindow() { return resyncWindow; }
    public void setResyncWindow(Duration resyncWindow) { this.resyncWindow = resyncWindow; }
    public boolean isAllowPrivateNetworks() { return allowPrivateNetworks; }
    public void setAllowPrivateNetworks(boolean allowPrivateNetworks) { this.allowPrivateNetworks = allowPrivateNetworks; }
    /**
     * How often one message may fail to fetch on its own (in a row, across sync rounds and restarts) before
     * it is recorded as unfetchable in the quarantine and the sync moves past it.
     */
    public int getMaxFetchAttempts() { return maxFetchAttempts; }
    public void setMaxFetchAttempts(int maxFetchAttempts) { this.maxFetchAttempts = Math.max(1, maxFetchAttempts); }
    public List<Integer> getExtraPorts() { return extraPorts; }
    public void setExtraPorts(List<Integer> extraPorts) { this.extraPorts = extraPorts; }
}
