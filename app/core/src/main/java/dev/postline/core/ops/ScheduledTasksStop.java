package dev.postline.core.ops;

import io.micronaut.context.BeanContext;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.processor.ScheduledMethodProcessor;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the {@code @Scheduled} tasks first when the server stops. Micronaut publishes the
 * {@link ShutdownEvent} before it destroys any bean, but it cancels the tasks only when it gets to
 * their processor — after the data source may already be closed, so a task running or starting then
 * failed with "Database is already closed" or "Failed to obtain JDBC Connection". Here no task is
 * started any more, and the ones running are given {@link #WAIT} to finish (long loops check
 * {@link #stopping()}) while everything they use is still open.
 */
@Singleton
public class ScheduledTasksStop implements ApplicationEventListener<ShutdownEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledTasksStop.class);
    static final Duration WAIT = Duration.ofSeconds(30);

    private final BeanContext context;
    private volatile boolean stopping;

    public ScheduledTasksStop(BeanContext context) {
        this.context = context;
    }

    /** True once the server is stopping: a scheduled task should end its loop and start nothing new. */
    public boolean stopping() {
        return stopping;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        stopping = true;
        context.findBean(ScheduledMethodProcessor.class).ifPresent(ScheduledMethodProcessor::close);
        context.findBean(ExecutorService.class, Qualifiers.byName(TaskExecutors.SCHEDULED)).ifPresent(scheduler -> {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Scheduled tasks still running after {}; stopping anyway", WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
