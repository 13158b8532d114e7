-- The one deliberately cross-tenant read of push_subscription. A change notification arrives on a
-- public, unauthenticated endpoint and names only the provider's subscription id, so the tenant is
-- not known yet. Besides the tenant_isolation policy (added by R__tenant_isolation as for every
-- tenant table), this SELECT-only policy admits the single row whose subscription_id the transaction
-- bound with set_config('postline.push_subscription_id', ..., true) — see PushSubscriptionDirectory.
-- Unset (every other transaction) means NULL, which matches no row; writes are never admitted.
DROP POLICY IF EXISTS push_subscription_lookup ON push_subscription;
CREATE POLICY push_subscription_lookup ON push_subscription FOR SELECT
    USING (subscription_id = NULLIF(current_setting('postline.push_subscription_id', true), ''));
