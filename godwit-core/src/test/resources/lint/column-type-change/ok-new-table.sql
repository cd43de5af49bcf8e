CREATE TABLE ledger_entries (id integer PRIMARY KEY, amount numeric(12, 2));
ALTER TABLE ledger_entries ALTER COLUMN id TYPE bigint;
