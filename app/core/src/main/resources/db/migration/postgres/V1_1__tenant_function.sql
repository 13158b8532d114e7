-- The tenant a transaction acts for, set with set_config('postline.tenant_id', ..., true) by
-- TenantTransactions. Unset (or reset to '' at the end of a pooled transaction) means NULL,
-- and NULL matches no row: a query that forgot its tenant sees nothing.
CREATE OR REPLACE FUNCTION postline_current_tenant() RETURNS UUID
    LANGUAGE sql STABLE
AS $$ SELECT NULLIF(current_setting('postline.tenant_id', true), '')::uuid $$;
