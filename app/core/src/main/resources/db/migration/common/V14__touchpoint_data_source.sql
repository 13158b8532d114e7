-- Data-source key/values and report service name (issue 8). A touchpoint holds its ordered
-- key/values as JSON text ([{"key":…,"value":…}]; at most 20 pairs, checked by the service) and an
-- optional report service name (NULL: its display name is used). Each conversation keeps a copy of
-- both from the moment it was created, like its queue: editing the touchpoint changes no existing
-- conversation. Conversations created before this version have none ('[]', NULL); they are not
-- back-filled, because today's touchpoint values would not be what they were created with.
-- report_service_key is the name in lower case, for the case-insensitive reportService filter.

ALTER TABLE touchpoint ADD COLUMN data_source VARCHAR(20000) DEFAULT '[]' NOT NULL;
ALTER TABLE touchpoint ADD COLUMN report_service_name VARCHAR(100);

ALTER TABLE conversation ADD COLUMN data_source VARCHAR(20000) DEFAULT '[]' NOT NULL;
ALTER TABLE conversation ADD COLUMN report_service_name VARCHAR(200);
ALTER TABLE conversation ADD COLUMN report_service_key VARCHAR(200);

CREATE INDEX conversation_report_service_idx ON conversation (tenant_id, report_service_key, last_message_at);
