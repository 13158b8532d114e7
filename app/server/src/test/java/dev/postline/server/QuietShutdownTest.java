package dev.postline.server;

import dev.postline.server.support.NotInThePostgresPass;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.postline.core.sync.SyncSupervisor;
import io.micronaut.context.ApplicationContext;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * #13 item 22: stopping the server while its scheduled tasks are busy logs no ERROR (it used to log
 * "Database is already closed" stack traces from tasks that ran on after the data source closed).
 * The embedded default (H2 file, demo, sandbox mailbox, sync running) with every scheduled task
 * polling as fast as it can, started and stopped a few times.
 */
@NotInThePostgresPass
class QuietShutdownTest {

    @TempDir Path dataDir;

    @Test
    void stoppingTheServerWhileScheduledTasksRunLogsNoError() throws Exception {
        ListAppender<ILoggingEvent> logs = capture();
        try {
            for (int run = 0; run < 4; run++) {
                try (ApplicationContext context = ApplicationContext.run(busyEmbeddedDefault())) {
                    context.getBean(SyncSupervisor.class).start();
                    // Let every scheduled task get going (each polls every few milliseconds), then stop mid-flight.
                    Thread.sleep(1500);
                }
            }
        } finally {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        }
        // The sandbox mailbox (GreenMail) stands for the customer's mail server: when a sync is cut off mid-command
        // by the stop, it may complain about that client ("Command 'UID' not valid in this state") in its own log.
        // That is the far side's view of a closed connection, not a Postline task failing; Postline's own lines count.
        List<String> errors = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .filter(e -> !e.getLoggerName().startsWith("com.icegreen.greenmail."))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getMessage()))
                .toList();
        assertThat(errors).as("ERROR lines logged while starting and stopping").isEmpty();
    }

    private Map<String, Object> busyEmbeddedDefault() throws Exception {
        Map<String, Object> props = new HashMap<>(new EmbeddedDefaults(Map.of("POSTLINE_DATA_DIR", dataDir.toString())::get)
                .resolve().properties());
        props.put("postline.security.password-iterations", "1000");
        int smtp = freePort();
        int imap = freePort();
        props.put("postline.demo.smtp-port", smtp);
        props.put("postline.demo.imap-port", imap);
        props.put("postline.sync.extra-ports", imap + "," + smtp);
        props.put("postline.sync.rescan-interval", "20ms");
        props.put("postline.outbox.poll-interval", "5ms");
        props.put("postline.notifications.poll-interval", "5ms");
        props.put("postline.transfer.sweep-interval", "5ms");
        props.put("postline.outbound.auto-reply-sweep-interval", "5ms");
        props.put("postline.lifecycle.watch-interval", "5ms");
        props.put("postline.lifecycle.watch-initial-delay", "0ms");
        props.put("postline.push.graph.check-interval", "5ms");
        props.put("postline.push.graph.initial-delay", "0ms");
        props.put("postline.push.gmail.check-interval", "5ms");
        props.put("postline.push.gmail.initial-delay", "0ms");
        return props;
    }

    private static ListAppender<ILoggingEvent> capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
