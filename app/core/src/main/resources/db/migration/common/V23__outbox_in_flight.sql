-- #13 item 24: an outbox row is marked in flight, committed, right before its message is handed to the
-- provider. After a crash only rows in flight may have gone out (the others of a claimed batch were
-- never started and are simply queued again); those whose delivery cannot be checked are resent or
-- held as DELIVERY_UNKNOWN for an agent to confirm, as the touchpoint's uncertainDelivery setting says.
ALTER TABLE outbox ADD COLUMN in_flight BOOLEAN DEFAULT FALSE NOT NULL;
-- Rows a sender held when this version was installed may have gone out: check them as before.
UPDATE outbox SET in_flight = TRUE WHERE status = 'SENDING';
