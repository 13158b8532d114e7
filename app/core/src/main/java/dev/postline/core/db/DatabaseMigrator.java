package dev.postline.core.db;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates the schema before the service's data source is handed to anyone. Runs as the owner
 * role with its own connection, because the service role is deliberately unable to alter tables.
 */
@Singleton
public class DatabaseMigrator implements BeanCreatedEventListener<DataSource> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrator.class);
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DatabaseSettings settings;
    private final AtomicBoolean migrated = new AtomicBoolean();

    public DatabaseMigrator(DatabaseSettings settings) {
        this.settings = settings;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        if (migrated.compareAndSet(false, true)) {
            migrate();
        }
        return event.getBean();
    }

    private void migrate() {
        DatabaseVendor vendor = settings.vendor();
        String appRole = settings.getAppRole();
        if (!ROLE_NAME.matcher(appRole).matches()) {
            throw new IllegalStateException("postline.db.app-role must be a plain lower-case role name");
        }
        var result = Flyway.configure()
                .dataSource(settings.getUrl(), settings.getOwnerUser(), settings.getOwnerPassword())
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor.migrationFolder())
                .placeholders(Map.of("appRole", appRole))
                .load()
                .migrate();
        LOG.info("Database schema on {} at version {} ({} migrations applied)",
                vendor, result.targetSchemaVersion, result.migrationsExecuted);
    }
}
