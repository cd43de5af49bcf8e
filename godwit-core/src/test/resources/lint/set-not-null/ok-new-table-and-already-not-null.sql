CREATE TABLE payouts (id bigint PRIMARY KEY, account_id bigint NOT NULL, note text);
ALTER TABLE payouts ALTER COLUMN note SET NOT NULL;
-- godwit-test:next-file
-- account_id is NOT NULL already: a no-op for PostgreSQL
ALTER TABLE payouts ALTER COLUMN account_id SET NOT NULL;
