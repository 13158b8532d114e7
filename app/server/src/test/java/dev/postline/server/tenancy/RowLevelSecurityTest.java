package dev.postline.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postline.core.db.DatabaseSettings;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import dev.postline.server.support.TestDatabase;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The second wall, checked on the real database: every table with a tenant_id has forced
 * row-level security with a USING and WITH CHECK policy on the per-transaction tenant; the service
 * role sees nothing without a tenant and cannot write into another tenant. PostgreSQL only (H2 has
 * no row-level security).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "postline.test.db", matches = "pg")
class RowLevelSecurityTest implements PostlineTestProperties {

    private static final String UNCOVERED_TENANT_TABLES = """
            SELECT k.relname
            FROM pg_class k
            JOIN pg_namespace n ON n.oid = k.relnamespace
            JOIN pg_attribute a ON a.attrelid = k.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE n.nspname = current_schema() AND k.relkind IN ('r', 'p')
              AND NOT (k.relrowsecurity AND k.relforcerowsecurity AND EXISTS (
                    SELECT 1 FROM pg_policies p
                    WHERE p.schemaname = n.nspname AND p.tablename = k.relname
                      AND p.cmd = 'ALL' AND p.permissive = 'PERMISSIVE'
                      AND p.qual LIKE '%postline_current_tenant()%'
                      AND p.with_check LIKE '%postline_current_tenant()%'))
            ORDER BY 1""";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject DatabaseSettings db;

    TenantFixture a;
    TenantFixture b;

    @BeforeAll
    void twoTenantsWithData() {
        Http http = new Http(server.getURI(), json);
        a = TenantFixture.create(http, "rls-a");
        b = TenantFixture.create(http, "rls-b");
    }

    @Test
    void everyTenantTableHasForcedRowLevelSecurityWithAPolicy() throws SQLException {
        try (Connection c = TestDatabase.superuserConnection(db.getUrl())) {
            assertThat(tenantTables(c)).as("tenant tables found").hasSizeGreaterThanOrEqualTo(7);
            assertThat(strings(c, UNCOVERED_TENANT_TABLES)).as("tenant tables without forced RLS and a policy").isEmpty();
        }
    }

    @Test
    void theCoverageCheckFlagsATableWithoutForcedRowLevelSecurity() throws SQLException {
        try (Connection owner = DriverManager.getConnection(db.getUrl(), TestDatabase.OWNER_ROLE, "");
             Statement s = owner.createStatement()) {
            s.execute("CREATE TABLE rls_canary (id INT PRIMARY KEY, tenant_id UUID NOT NULL)");
            try {
                assertThat(strings(owner, UNCOVERED_TENANT_TABLES)).containsExactly("rls_canary");
                s.execute("ALTER TABLE rls_canary ENABLE ROW LEVEL SECURITY");
                s.execute("CREATE POLICY tenant_isolation ON rls_canary USING (tenant_id = postline_current_tenant()) "
                        + "WITH CHECK (tenant_id = postline_current_tenant())");
                assertThat(strings(owner, UNCOVERED_TENANT_TABLES)).as("enabled but not forced").containsExactly("rls_canary");
                s.execute("ALTER TABLE rls_canary FORCE ROW LEVEL SECURITY");
                assertThat(strings(owner, UNCOVERED_TENANT_TABLES)).isEmpty();
            } finally {
                s.execute("DROP TABLE rls_canary");
            }
        }
    }

    @Test
    void withoutATenantTheServiceRoleSeesNoRowOfAnyTenantTable() throws SQLException {
        try (Connection app = appConnection(); Connection su = TestDatabase.superuserConnection(db.getUrl())) {
            for (String table : tenantTables(su)) {
                assertThat(count(app, table)).as(table + " with no tenant set").isZero();
            }
            app.setAutoCommit(false);
            bindTenant(app, a.tenantId());
            assertThat(count(app, "user_account")).as("users of tenant A, seen as A").isEqualTo(2);
            assertThat(count(app, "secret")).as("secrets of tenant A, seen as A").isEqualTo(1);
            app.rollback();
        }
    }

    @Test
    void theServiceRoleCannotWriteIntoAnotherTenant() throws SQLException {
        try (Connection app = appConnection()) {
            app.setAutoCommit(false);
            bindTenant(app, a.tenantId());
            try (PreparedStatement insert = app.prepareStatement(
                    "INSERT INTO ring_group (id, tenant_id, name, name_key, description, created_at) VALUES (?, ?, 'x', 'x', '', now())")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, UUID.fromString(b.tenantId()));
                assertThatThrownBy(insert::execute).isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
            }
            app.rollback();
            bindTenant(app, a.tenantId());
            try (PreparedStatement move = app.prepareStatement("UPDATE ring_group SET tenant_id = ? WHERE id = ?")) {
                move.setObject(1, UUID.fromString(b.tenantId()));
                move.setObject(2, UUID.fromString(a.ringGroupId()));
                assertThatThrownBy(move::execute).isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
            }
            app.rollback();
        }
    }

    @Test
    void theServiceRoleIsNeitherOwnerNorAbleToBypass() throws SQLException {
        try (Connection app = appConnection()) {
            assertThat(strings(app, "SELECT rolsuper::text || rolbypassrls::text FROM pg_roles WHERE rolname = current_user"))
                    .containsExactly("falsefalse");
            assertThat(strings(app, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tableowner = current_user"))
                    .isEmpty();
            assertThatThrownBy(() -> app.createStatement().execute("ALTER TABLE ring_group DISABLE ROW LEVEL SECURITY"))
                    .isInstanceOf(SQLException.class);
        }
    }

    /**
     * Change notifications name only the provider's subscription id; the one cross-tenant read
     * (PushSubscriptionDirectory) binds that id and its SELECT-only policy admits exactly that row of
     * push_subscription — no other row, no other table, and no write.
     */
    @Test
    void thePushSubscriptionLookupAdmitsOnlyTheBoundSubscriptionsRowAndNeverAWrite() throws SQLException {
        try (Connection su = TestDatabase.superuserConnection(db.getUrl()); Connection app = appConnection()) {
            insertSubscription(su, a, "sub-of-a");
            insertSubscription(su, b, "sub-of-b");
            try {
                app.setAutoCommit(false);
                assertThat(count(app, "push_subscription")).as("nothing bound").isZero();
                bindSubscription(app, "sub-of-a");
                assertThat(strings(app, "SELECT tenant_id::text || '/' || subscription_id FROM push_subscription"))
                        .containsExactly(a.tenantId() + "/sub-of-a");
                assertThat(count(app, "touchpoint")).as("other tables stay closed").isZero();
                assertThat(count(app, "secret")).isZero();
                try (Statement s = app.createStatement()) {
                    assertThat(s.executeUpdate("UPDATE push_subscription SET client_state_hash = 'x'")).isZero();
                    assertThat(s.executeUpdate("DELETE FROM push_subscription")).isZero();
                }
                app.rollback();
                bindSubscription(app, "");
                assertThat(count(app, "push_subscription")).as("an empty id matches nothing").isZero();
                app.rollback();
            } finally {
                su.createStatement().execute("DELETE FROM push_subscription WHERE subscription_id IN ('sub-of-a', 'sub-of-b')");
            }
        }
    }

    /**
     * A Gmail push names only the mailbox address; GmailWatchDirectory binds that address and the SELECT-only
     * policy gmail_watch_lookup admits exactly the rows of gmail_watch with it (of every tenant that connected the
     * mailbox) — no other row, no other table, and no write.
     */
    @Test
    void theGmailWatchLookupAdmitsOnlyTheBoundAddressesRowsAndNeverAWrite() throws SQLException {
        try (Connection su = TestDatabase.superuserConnection(db.getUrl()); Connection app = appConnection()) {
            insertWatch(su, a, "shared@rls.example.com");
            insertWatch(su, b, "shared@rls.example.com");
            try {
                app.setAutoCommit(false);
                assertThat(count(app, "gmail_watch")).as("nothing bound").isZero();
                bindWatchAddress(app, "shared@rls.example.com");
                assertThat(strings(app, "SELECT tenant_id::text FROM gmail_watch"))
                        .containsExactlyInAnyOrder(a.tenantId(), b.tenantId());
                assertThat(count(app, "touchpoint")).as("other tables stay closed").isZero();
                assertThat(count(app, "push_subscription")).isZero();
                try (Statement s = app.createStatement()) {
                    assertThat(s.executeUpdate("UPDATE gmail_watch SET topic = 'x'")).isZero();
                    assertThat(s.executeUpdate("DELETE FROM gmail_watch")).isZero();
                }
                app.rollback();
                bindWatchAddress(app, "other@rls.example.com");
                assertThat(count(app, "gmail_watch")).as("another address matches nothing").isZero();
                app.rollback();
                bindWatchAddress(app, "");
                assertThat(count(app, "gmail_watch")).as("an empty address matches nothing").isZero();
                app.rollback();
            } finally {
                su.createStatement().execute("DELETE FROM gmail_watch WHERE email_address = 'shared@rls.example.com'");
            }
        }
    }

    private static void insertWatch(Connection su, TenantFixture t, String address) throws SQLException {
        try (PreparedStatement insert = su.prepareStatement("INSERT INTO gmail_watch (id, tenant_id, touchpoint_id, "
                + "email_address, topic, expires_at, created_at) VALUES (?, ?, ?, ?, 'projects/p/topics/t', now(), now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.fromString(t.tenantId()));
            insert.setObject(3, UUID.fromString(t.touchpointId()));
            insert.setString(4, address);
            insert.execute();
        }
    }

    private static void bindWatchAddress(Connection c, String address) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config('postline.gmail_watch_address', ?, true)")) {
            s.setString(1, address);
            s.execute();
        }
    }

    private static void insertSubscription(Connection su, TenantFixture t, String subscriptionId) throws SQLException {
        try (PreparedStatement insert = su.prepareStatement("INSERT INTO push_subscription (id, tenant_id, touchpoint_id, "
                + "subscription_id, client_state_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, now(), now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.fromString(t.tenantId()));
            insert.setObject(3, UUID.fromString(t.touchpointId()));
            insert.setString(4, subscriptionId);
            insert.setString(5, "0".repeat(64));
            insert.execute();
        }
    }

    private static void bindSubscription(Connection c, String subscriptionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config('postline.push_subscription_id', ?, true)")) {
            s.setString(1, subscriptionId);
            s.execute();
        }
    }

    private Connection appConnection() throws SQLException {
        return DriverManager.getConnection(db.getUrl(), TestDatabase.APP_ROLE, "");
    }

    private static void bindTenant(Connection c, String tenant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config('postline.tenant_id', ?, true)")) {
            s.setString(1, tenant);
            s.execute();
        }
    }

    private static List<String> tenantTables(Connection c) throws SQLException {
        return strings(c, "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
                + "AND column_name = 'tenant_id' ORDER BY 1");
    }

    private static long count(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
