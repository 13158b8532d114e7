package dev.postline.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code ./postline run} prints once it listens: where to go, and the demo logins only while the
 * demo is on. A demo reachable from the network (public passwords) is warned about loudly.
 */
final class StartBanner {

    private static final Logger LOG = LoggerFactory.getLogger(StartBanner.class);

    private final String url;
    private final String bindHost;
    private final boolean demo;
    private final EmbeddedDefaults.Resolved resolved;

    StartBanner(ApplicationContext context, EmbeddedServer server, EmbeddedDefaults.Resolved resolved) {
        this(server.getURL().toString(), context.getProperty("micronaut.server.host", String.class).orElse(""),
                context.getProperty("postline.demo.enabled", Boolean.class).orElse(false), resolved);
    }

    StartBanner(String url, String bindHost, boolean demo, EmbeddedDefaults.Resolved resolved) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.bindHost = bindHost;
        this.demo = demo;
        this.resolved = resolved;
    }

    void print(PrintStream out) {
        out.println();
        out.println("  Postline is running at " + url);
        out.println("    sign in:  " + url + "/admin");
        out.println("    health:   " + url + "/health");
        out.println("    OpenAPI:  " + url + "/openapi.yml");
        out.println("    data:     " + resolved.dataDir() + (resolved.embedded() ? " (embedded H2 database)" : ""));
        if (demo) {
            out.println();
            out.println("  Demo logins (tenant '" + DemoLogins.TENANT + "', password '" + DemoLogins.PASSWORD + "'):");
            out.println("    admin   " + DemoLogins.ADMIN_EMAIL);
            out.println("    agent   " + DemoLogins.AGENT1_EMAIL + "  (ring group Billing)");
            out.println("    agent   " + DemoLogins.AGENT2_EMAIL + "  (ring group Technical support)");
            out.println("    operator " + DemoLogins.OPERATOR_EMAIL + " / " + DemoLogins.OPERATOR_PASSWORD + " (no tenant)");
            out.println();
            out.println("  Send the demo a customer mail: ./postline demo send-mail --subject \"Where is my order?\"");
            if (reachableFromTheNetwork()) {
                String warning = "WARNING: the demo is on and Postline listens on " + (bindHost.isBlank() ? "all interfaces" : bindHost)
                        + ": anyone who can reach this machine can sign in with the public demo passwords above."
                        + " Set POSTLINE_DEMO=false, or POSTLINE_HOST=127.0.0.1.";
                out.println();
                out.println("  !!! " + warning);
                LOG.warn(warning);
            }
        }
        out.println();
    }

    /** Any bind address but a loopback one (an empty host means all interfaces). */
    boolean reachableFromTheNetwork() {
        if (bindHost == null || bindHost.isBlank()) {
            return true;
        }
        try {
            return !InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }
}
