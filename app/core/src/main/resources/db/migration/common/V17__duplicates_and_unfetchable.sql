-- Issue #13 items 2 and 3.
-- duplicates: mail suppressed per touchpoint because the same message (same Message-ID AND the same
-- content digest) was stored already; shown to admins. A reused Message-ID with different content is no
-- longer a duplicate: new rows' dedupe_key is a digest of the Message-ID and the content, so the unique
-- (touchpoint_id, dedupe_key) constraint still holds exactly "the same message once". Rows written before
-- this version keep their 'mid:'/'sha256:' keys; the pipeline compares against them by content.
ALTER TABLE sync_state ADD COLUMN duplicates BIGINT DEFAULT 0 NOT NULL;
-- The message right after the cursor that failed to fetch on its own, and how often in a row (durable,
-- so "give up after N attempts" survives restarts). Cleared whenever the cursor moves.
ALTER TABLE sync_state ADD COLUMN failing_item VARCHAR(500);
ALTER TABLE sync_state ADD COLUMN failing_attempts INT DEFAULT 0 NOT NULL;
-- A message the provider could never deliver is quarantined without content: no raw bytes to keep.
ALTER TABLE quarantine ALTER COLUMN raw_blob DROP NOT NULL;
