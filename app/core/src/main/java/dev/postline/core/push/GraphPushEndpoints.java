package dev.postline.core.push;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The URLs Microsoft Graph posts to, built from {@code postline.push.graph.notification-base-url} and
 * checked once at start: Graph only calls public https URLs, so anything else is a configuration
 * mistake worth refusing to start over — except plain http to a loopback address, for tests and local
 * doubles.
 */
@Singleton
@Requires(property = "postline.push.graph.notification-base-url")
public class GraphPushEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(GraphPushEndpoints.class);

    public static final String NOTIFICATIONS_PATH = "/hooks/graph/notifications";
    public static final String LIFECYCLE_PATH = "/hooks/graph/lifecycle";

    private final URI notifications;
    private final URI lifecycle;

    public GraphPushEndpoints(GraphPushSettings settings) {
        String base = checked(settings.getNotificationBaseUrl());
        this.notifications = URI.create(base + NOTIFICATIONS_PATH);
        this.lifecycle = URI.create(base + LIFECYCLE_PATH);
        LOG.info("Microsoft Graph change notifications on: subscriptions post to {} and {}; the delta poll stays as reconciliation",
                notifications, lifecycle);
    }

    public URI notifications() {
        return notifications;
    }

    public URI lifecycle() {
        return lifecycle;
    }

    private static String checked(String value) {
        String trimmed = value == null ? "" : value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean plain = uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null;
            if (plain && (scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost()))) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new ConfigurationException("postline.push.graph.notification-base-url must be the public https URL of this "
                + "installation without query or fragment, e.g. https://postline.example.com (plain http only to a loopback "
                + "address); unset it to poll only");
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
