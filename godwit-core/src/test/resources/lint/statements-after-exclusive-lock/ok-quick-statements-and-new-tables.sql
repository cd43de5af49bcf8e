ALTER TABLE accounts ADD COLUMN status text;
ALTER TABLE accounts ALTER COLUMN status SET DEFAULT 'open';
COMMENT ON COLUMN accounts.status IS 'open, frozen or closed';
SET LOCAL statement_timeout = '5s';
CREATE TABLE account_events (id bigint PRIMARY KEY, account_id bigint);
INSERT INTO account_events VALUES (1, 1);
CREATE INDEX account_events_account_idx ON account_events (account_id);
