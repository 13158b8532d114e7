package dev.postline.core.push;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Change notifications for Microsoft 365 touchpoints ({@code postline.push.graph.*}). Off unless
 * {@code notificationBaseUrl} is set: then every syncing Graph touchpoint gets a subscription whose
 * notifications go to {@code <base>/hooks/graph/notifications} (lifecycle events to
 * {@code …/lifecycle}), and the delta poll stays as reconciliation.
 */
@ConfigurationProperties("postline.push.graph")
public class GraphPushSettings {

    @Nullable private String notificationBaseUrl;
    private Duration lifetime = Duration.ofDays(3);
    private Duration renewBefore = Duration.ofHours(12);
    private Duration checkInterval = Duration.ofMinutes(1);
    private Duration retryAfterFailure = Duration.ofMinutes(15);
    private int maxConcurrentBatches = 32;

    /** The public HTTPS URL of this installation as Microsoft reaches it, e.g. {@code https://postline.example.com}. */
    @Nullable public String getNotificationBaseUrl() { return notificationBaseUrl; }
    public void setNotificationBaseUrl(@Nullable String notificationBaseUrl) { this.notificationBaseUrl = notificationBaseUrl; }
    /** The lifetime asked for; the connector shortens it to the provider's maximum (Graph mail: 4,230 minutes). */
    public Duration getLifetime() { return lifetime; }
    public void setLifetime(Duration lifetime) { this.lifetime = lifetime; }
    /** A subscription with less than this left is renewed. */
    public Duration getRenewBefore() { return renewBefore; }
    public void setRenewBefore(Duration renewBefore) { this.renewBefore = renewBefore; }
    /** How often every touchpoint's subscription is checked (created, renewed, recreated, deleted). */
    public Duration getCheckInterval() { return checkInterval; }
    public void setCheckInterval(Duration checkInterval) { this.checkInterval = checkInterval; }
    /** After a failed create or renew, that touchpoint is left alone this long (THROTTLED: as long as asked). */
    public Duration getRetryAfterFailure() { return retryAfterFailure; }
    public void setRetryAfterFailure(Duration retryAfterFailure) { this.retryAfterFailure = retryAfterFailure; }
    /** Notification requests processed at once; more are answered but their hints dropped (the poll catches up). */
    public int getMaxConcurrentBatches() { return maxConcurrentBatches; }
    public void setMaxConcurrentBatches(int maxConcurrentBatches) { this.maxConcurrentBatches = maxConcurrentBatches; }
}
