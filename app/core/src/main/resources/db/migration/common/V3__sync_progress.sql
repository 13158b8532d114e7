-- How many messages the provider said were still waiting after the last batch (initial-sync
-- progress: fetched / fetched + remaining). NULL when the connector cannot tell.
ALTER TABLE sync_state ADD COLUMN remaining BIGINT;
