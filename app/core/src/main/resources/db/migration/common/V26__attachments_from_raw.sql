-- Issue #14: an inbound attachment is no longer a second, decoded copy of bytes the raw message
-- already holds. New rows name the attachment's place among the message's attachments (part_index)
-- and carry no blob; its bytes are decoded from the raw message when someone asks for them.
-- Outbound attachments (uploads) and rows stored before this version keep their blob.
ALTER TABLE attachment ALTER COLUMN blob_key DROP NOT NULL;
ALTER TABLE attachment ADD COLUMN part_index INT;
