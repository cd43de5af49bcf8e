CREATE TABLE ledger_entries (id integer PRIMARY KEY, amount numeric(12, 2), memo varchar(100));
-- godwit-test:next-file
-- expect: 1
ALTER TABLE ledger_entries ALTER COLUMN id TYPE bigint;
