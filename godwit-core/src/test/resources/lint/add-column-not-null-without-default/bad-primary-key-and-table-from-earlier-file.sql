CREATE TABLE ledger_entries (account_id bigint, amount numeric(19, 4));
-- godwit-test:next-file
-- expect: 2
ALTER TABLE ledger_entries ADD COLUMN id bigint PRIMARY KEY, ADD COLUMN kind text NOT NULL, ADD COLUMN note text;
