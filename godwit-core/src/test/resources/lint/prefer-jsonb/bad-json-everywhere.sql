-- expect: 4
CREATE TABLE webhooks (id bigint PRIMARY KEY, payload json NOT NULL, headers json[]);
ALTER TABLE payments ADD COLUMN metadata json;
CREATE DOMAIN provider_payload AS json;
