-- Outbox claim lease: a row taken for sending (SENDING) belongs to its sender until lease_until.
-- A row whose lease ran out belongs to a sender that died; it is queued again with check_sent, so
-- the next attempt first asks the connector whether the message already went out.
ALTER TABLE outbox ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox ADD COLUMN check_sent BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE outbox SET lease_until = updated_at, check_sent = TRUE WHERE status = 'SENDING';
