-- The cross-tenant read of gmail_watch (ADR 0005). A Gmail push arrives through Cloud Pub/Sub on a public
-- endpoint, authenticated by Google's OIDC token, and names only the mailbox address, so the tenant is not
-- known yet. Besides the tenant_isolation policy (added by R__tenant_isolation as for every tenant table),
-- this SELECT-only policy admits the rows whose email_address the transaction bound with
-- set_config('postline.gmail_watch_address', ..., true) — see GmailWatchDirectory. Unset (every other
-- transaction) means NULL, which matches no row; writes are never admitted.
DROP POLICY IF EXISTS gmail_watch_lookup ON gmail_watch;
CREATE POLICY gmail_watch_lookup ON gmail_watch FOR SELECT
    USING (email_address = NULLIF(current_setting('postline.gmail_watch_address', true), ''));
