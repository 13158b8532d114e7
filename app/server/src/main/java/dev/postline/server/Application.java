package dev.postline.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintStream;

/** Starts Postline. With no configuration this is the embedded default (see {@link EmbeddedDefaults}). */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        EmbeddedDefaults.Resolved resolved = EmbeddedDefaults.fromEnvironment().resolve();
        ApplicationContext context = Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .properties(resolved.properties())
                .start();
        context.findBean(EmbeddedServer.class).ifPresent(server -> printWelcome(System.out, server, resolved));
    }

    private static void printWelcome(PrintStream out, EmbeddedServer server, EmbeddedDefaults.Resolved resolved) {
        String url = server.getURL().toString();
        out.println();
        out.println("  Postline is running at " + url);
        out.println("    health:   " + url + "/health");
        out.println("    OpenAPI:  " + url + "/openapi.yml");
        out.println("    data:     " + resolved.dataDir() + (resolved.embedded() ? " (embedded H2 database)" : ""));
        if (resolved.embedded()) {
            out.println();
            out.println("  Demo logins (tenant '" + DemoLogins.TENANT + "', password '" + DemoLogins.PASSWORD + "'):");
            out.println("    admin   " + DemoLogins.ADMIN_EMAIL);
            out.println("    agent   " + DemoLogins.AGENT1_EMAIL + "  (ring group Billing)");
            out.println("    agent   " + DemoLogins.AGENT2_EMAIL + "  (ring group Technical support)");
            out.println("    operator " + DemoLogins.OPERATOR_EMAIL + " / " + DemoLogins.OPERATOR_PASSWORD + " (no tenant)");
            out.println();
            out.println("  Try: curl -s " + url + "/api/v1/auth/login -H 'Content-Type: application/json' \\");
            out.println("         -d '{\"tenant\":\"demo\",\"email\":\"" + DemoLogins.ADMIN_EMAIL + "\",\"password\":\""
                    + DemoLogins.PASSWORD + "\"}'");
        }
        out.println();
    }
}
