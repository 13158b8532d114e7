package dev.postline.core.lifecycle;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The lifecycle's knobs ({@code postline.lifecycle.*}). A failing sync is CONNECTION_LOST only
 * after it has failed continuously for {@code gracePeriod} or {@code failuresBeforeLost} times in a
 * row: one dropped socket is not an incident. {@code expiringWindow} is how long before the
 * predicted end of an authorization a touchpoint becomes EXPIRING and admins are told.
 */
@ConfigurationProperties("postline.lifecycle")
public class LifecycleSettings {

    private Duration gracePeriod = Duration.ofMinutes(5);
    private int failuresBeforeLost = 10;
    private Duration expiringWindow = Duration.ofDays(14);
    private Duration watchInterval = Duration.ofHours(1);

    public Duration getGracePeriod() { return gracePeriod; }
    public void setGracePeriod(Duration gracePeriod) { this.gracePeriod = gracePeriod; }
    public int getFailuresBeforeLost() { return failuresBeforeLost; }
    public void setFailuresBeforeLost(int failuresBeforeLost) { this.failuresBeforeLost = Math.max(1, failuresBeforeLost); }
    public Duration getExpiringWindow() { return expiringWindow; }
    public void setExpiringWindow(Duration expiringWindow) { this.expiringWindow = expiringWindow; }
    public Duration getWatchInterval() { return watchInterval; }
    public void setWatchInterval(Duration watchInterval) { this.watchInterval = watchInterval; }
}
