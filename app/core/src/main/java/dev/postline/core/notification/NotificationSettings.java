package dev.postline.core.notification;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How notifications reach admins ({@code postline.notifications.*}): the admin UI's base URL for
 * links and the pace of the mail outbox. The relay itself is {@link RelaySettings}.
 */
@ConfigurationProperties("postline.notifications")
public class NotificationSettings {

    private String adminBaseUrl = "http://127.0.0.1:8080";
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration firstRetry = Duration.ofSeconds(10);
    private Duration maxRetry = Duration.ofMinutes(30);

    public String getAdminBaseUrl() { return adminBaseUrl; }
    public void setAdminBaseUrl(String adminBaseUrl) { this.adminBaseUrl = adminBaseUrl.replaceAll("/+$", ""); }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
    public Duration getFirstRetry() { return firstRetry; }
    public void setFirstRetry(Duration firstRetry) { this.firstRetry = firstRetry; }
    /** Retries never stop (a relay outage must not lose a notice); they slow down to this. */
    public Duration getMaxRetry() { return maxRetry; }
    public void setMaxRetry(Duration maxRetry) { this.maxRetry = maxRetry; }

}
