CREATE TABLE webhooks (id bigint PRIMARY KEY, payload jsonb NOT NULL, raw_body text, json_schema_version int);
ALTER TABLE payments ADD COLUMN metadata jsonb;
ALTER TABLE payments ALTER COLUMN metadata TYPE jsonb USING metadata::jsonb;
SELECT payload::json FROM webhooks;
