-- Issue #13 items 4 and 20. Which header supplied an inbound message's customer address (FROM,
-- SENDER, REPLY_TO, RETURN_PATH, or ADMIN when an admin released it from quarantine with an
-- address); null for outbound mail and for mail stored before this column.
ALTER TABLE mail_message ADD COLUMN customer_address_source VARCHAR(20);
-- The Authentication-Results headers whose authserv-id is configured as ours, one per line; null
-- when none was trusted.
ALTER TABLE mail_message ADD COLUMN authentication_results VARCHAR(20000);
