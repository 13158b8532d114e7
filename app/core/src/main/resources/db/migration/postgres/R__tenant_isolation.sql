-- Re-applied on every migrate (the placeholder below changes the checksum each run), so a table
-- added by any later migration gets forced row-level security and grants without anyone
-- remembering to. RlsCoverageTest fails the build if a tenant table is left uncovered.
-- run: ${flyway:timestamp}
DO $$
DECLARE
    t RECORD;
BEGIN
    FOR t IN
        SELECT c.table_name
        FROM information_schema.columns c
        JOIN information_schema.tables tb
          ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = current_schema()
          AND c.column_name = 'tenant_id'
          AND tb.table_type = 'BASE TABLE'
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.table_name);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.table_name);
        EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t.table_name);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = postline_current_tenant()) '
                       'WITH CHECK (tenant_id = postline_current_tenant())', t.table_name);
    END LOOP;
END
$$;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO ${appRole};
REVOKE ALL ON ${flyway:defaultSchema}.flyway_schema_history FROM ${appRole};
GRANT EXECUTE ON FUNCTION postline_current_tenant() TO ${appRole};
