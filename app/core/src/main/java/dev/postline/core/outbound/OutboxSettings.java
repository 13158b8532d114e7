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
}
