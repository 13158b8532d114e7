package dev.postline.core.notification;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * The platform's own SMTP relay for admin notifications ({@code postline.notifications.smtp.*}),
 * not a tenant's mailbox. {@code tls}: none, starttls or implicit. Without {@code host},
 * notifications are in-app only.
 */
@ConfigurationProperties("postline.notifications.smtp")
public class RelaySettings {

    private @Nullable String host;
    private int port = 25;
    private String tls = "none";
    private @Nullable String username;
    private @Nullable String password;
    private String from = "postline@localhost";
    private Duration timeout = Duration.ofSeconds(30);

    public @Nullable String getHost() { return host; }
    public void setHost(@Nullable String host) { this.host = host; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public String getTls() { return tls; }
    public void setTls(String tls) { this.tls = tls; }
    public @Nullable String getUsername() { return username; }
    public void setUsername(@Nullable String username) { this.username = username; }
    public @Nullable String getPassword() { return password; }
    public void setPassword(@Nullable String password) { this.password = password; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }

    @Override
    public String toString() {
        return "RelaySettings[" + host + ":" + port + ", tls=" + tls + ", user=" + username + ", password=<redacted>]";
    }

    public boolean configured() {
        return host != null && !host.isBlank();
    }
}
