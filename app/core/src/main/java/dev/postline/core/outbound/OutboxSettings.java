package dev.postline.core.outbound;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How the outbox sender works ({@code postline.outbox.*}). */
@ConfigurationProperties("postline.outbox")
public class OutboxSettings {

    private boolean enabled = true;
    private Duration pollInterval = Duration.ofMillis(500);
    private int maxAttempts = 8;
    private Duration firstRetry = Duration.ofSeconds(5);
    private Duration maxRetry = Duration.ofMinutes(30);
    private Duration lease = Duration.ofMinutes(10);
    private int batchSize = 200;
    private int concurrency = 16;
    private int connectionsPerTouchpoint = 4;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
    /** Transient failures are retried this many times in all before the message is marked FAILED. */
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getFirstRetry() { return firstRetry; }
    public void setFirstRetry(Duration firstRetry) { this.firstRetry = firstRetry; }
    public Duration getMaxRetry() { return maxRetry; }
    public void setMaxRetry(Duration maxRetry) { this.maxRetry = maxRetry; }
    /**
     * How long a claimed entry belongs to its sender. Must exceed the longest send (connect and read
     * timeouts included): an entry whose lease ran out is taken to belong to a dead sender and is
     * checked and resent. A sender starts no send with less than half of it left.
     */
    public Duration getLease() { return lease; }
    public void setLease(Duration lease) { this.lease = lease; }
    /** Entries claimed per tenant and round. */
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    /** Sending lanes (connections) in all, across touchpoints. */
    public int getConcurrency() { return concurrency; }
    public void setConcurrency(int concurrency) { this.concurrency = concurrency; }
    /** At most this many connections send for one touchpoint at a time (providers limit them). */
    public int getConnectionsPerTouchpoint() { return connectionsPerTouchpoint; }
    public void setConnectionsPerTouchpoint(int connectionsPerTouchpoint) { this.connectionsPerTouchpoint = connectionsPerTouchpoint; }
}
