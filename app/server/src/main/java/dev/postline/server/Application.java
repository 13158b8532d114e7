package dev.postline.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Postline. With no configuration this is the embedded default (see {@link EmbeddedDefaults}). */
public final class Application {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {}

    public static void main(String[] args) {
        EmbeddedDefaults.Resolved resolved = EmbeddedDefaults.fromEnvironment().resolve();
        ApplicationContext context = builder(args, resolved).start();
        context.findBean(EmbeddedServer.class).ifPresent(server -> new StartBanner(context, server, resolved).print(System.out));
    }

    /** The context as {@link #main} builds it: the embedded defaults below everything configured. */
    static Micronaut builder(String[] args, EmbeddedDefaults.Resolved resolved) {
        return (Micronaut) new FailingClearly(resolved)
                .args(args)
                .mainClass(Application.class)
                .banner(false)
                .propertySources(resolved.asPropertySource());
    }

    /**
     * A start that fails says why in one line on stderr (the port in use, the data folder held by
     * another Postline, …) and exits 1; the stack trace goes to the log at DEBUG only.
     */
    private static final class FailingClearly extends Micronaut {

        private final String host;
        private final String port;

        FailingClearly(EmbeddedDefaults.Resolved resolved) {
            this.host = String.valueOf(resolved.properties().getOrDefault("micronaut.server.host",
                    System.getenv().getOrDefault("POSTLINE_HOST", "")));
            this.port = System.getenv().getOrDefault("POSTLINE_PORT", "8080");
        }
        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            if (environment != null && environment.getActiveNames().contains(Environment.TEST)) {
                super.handleStartupException(environment, exception);
                return;
            }
            StartupFailure.Description why = StartupFailure.describe(exception, host, port);
            if (why.known()) {
                LOG.debug("Postline could not start", exception);
            } else {
                LOG.error("Postline could not start", exception);
            }
            System.err.println("postline: cannot start: " + why.line());
            System.exit(1);
        }
    }
}
