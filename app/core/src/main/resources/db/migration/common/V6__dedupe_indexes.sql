-- The duplicate checks run for every inbound message and filter on tenant, touchpoint and key.
-- Indexes with exactly those columns make the plan obvious even with stale statistics (measured:
-- without them a fresh import degraded to a scan of the touchpoint's rows, ~90 msg/s).
CREATE INDEX message_provider_lookup_idx ON mail_message (tenant_id, touchpoint_id, provider_id);
CREATE INDEX message_dedupe_lookup_idx ON mail_message (tenant_id, touchpoint_id, dedupe_key);
CREATE INDEX quarantine_provider_lookup_idx ON quarantine (tenant_id, touchpoint_id, provider_id);
