-- Issue 13 item 6: a message keeps every recipient. The address columns were VARCHAR(20000) and a
-- list that did not fit was stored as [] (a 5,000-recipient mail showed "to": []). The parser's
-- limits (addresses per header, bytes per header field) bound these lists; the API shows the first
-- ones with totals and pages the rest.
ALTER TABLE mail_message ALTER COLUMN to_addresses SET DATA TYPE TEXT;
ALTER TABLE mail_message ALTER COLUMN cc_addresses SET DATA TYPE TEXT;
