CREATE TABLE ledger_entries (id bigint PRIMARY KEY, amount numeric(19, 4), units integer, ref text);
-- godwit-test:next-file
-- expect: 4
ALTER TABLE ledger_entries ALTER COLUMN id TYPE integer;
ALTER TABLE ledger_entries ALTER COLUMN amount TYPE double precision;
ALTER TABLE ledger_entries ALTER COLUMN units TYPE numeric(6, 2);
ALTER TABLE ledger_entries ALTER COLUMN ref TYPE uuid USING ref::uuid;
