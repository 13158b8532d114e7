package dev.postline.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.db.PlannerStatistics;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.touchpoint.Direction;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import dev.postline.core.vault.VaultKeysets;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue #14: on PostgreSQL, Postline refreshes the planner statistics of the tables it fills, also where
 * autovacuum is off (as on the test and bench machine): after a first import the planner knows how many
 * messages there are, instead of believing the table is empty and walking a touchpoint's every row per lookup.
 */
@EnabledIfSystemProperty(named = "postline.test.db", matches = "pg")
class PlannerStatisticsTest {

    @Test
    void aFirstImportLeavesThePlannerKnowingTheTableSize() throws Exception {
        Map<String, Object> props = new HashMap<>(TestDatabase.newDatabase());
        props.put("postline.sync.enabled", "false");
        props.put("postline.outbox.enabled", "false");
        props.put("postline.db.analyze-interval", "1h"); // run by hand below, not by the schedule
        props.put("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        props.put("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        props.put("postline.security.password-iterations", "1000");
        props.put("postline.data-dir", Files.createTempDirectory(Path.of("target"), "stats-").toAbsolutePath().toString());
        try (ApplicationContext context = ApplicationContext.run(props)) {
            var created = context.getBean(TenantService.class).create(new TenantService.NewTenant("stats", "Stats Inc",
                    new UserService.NewUser("admin@stats.example.com", "Admin", Role.ADMIN, "admin-password-1")));
            TenantId tenant = created.tenant().tenantId();
            UUID touchpoint = context.getBean(TouchpointService.class).create(tenant, new TouchpointService.NewTouchpoint(
                    "support@stats.example.com", "Support", "imap", Direction.INBOUND, true, List.of(),
                    new HashMap<>(Map.of("preset", "custom", "imapHost", "127.0.0.1", "imapPort", "143", "imapTls", "plain",
                            "username", "support@stats.example.com", "folder", "INBOX")))).touchpoint().id();
            List<InboundMail> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                batch.add(new InboundMail("uid-" + i, MailboxServer.customerMail("c" + i + "@customer.example", "support@stats.example.com",
                        "m-" + i + "@customer.example", "Question " + i, "Please help", List.of()).getBytes(StandardCharsets.UTF_8), null));
            }
            context.getBean(IngestionPipeline.class).ingestBatch(tenant, touchpoint, batch);
            String url = props.get("postline.db.url").toString();
            assertThat(estimatedRows(url)).as("before: the planner's idea of mail_message").isLessThan(300);

            PlannerStatistics statistics = context.getBean(PlannerStatistics.class);
            // The server's activity counters reach pg_stat_user_tables within a second or so.
            Eventually.await("mail_message analyzed", Duration.ofSeconds(20), () -> {
                try {
                    return statistics.analyzeStaleTables().contains("mail_message");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(estimatedRows(url)).as("after: the planner's idea of mail_message").isEqualTo(300);
        }
    }

    private static long estimatedRows(String url) throws Exception {
        try (Connection su = TestDatabase.superuserConnection(url);
             ResultSet rs = su.createStatement().executeQuery("SELECT reltuples FROM pg_class WHERE relname = 'mail_message'")) {
            rs.next();
            return (long) rs.getFloat(1);
        }
    }
}
