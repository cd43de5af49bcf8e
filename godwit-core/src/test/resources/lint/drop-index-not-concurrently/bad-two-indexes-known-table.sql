CREATE TABLE ledger_entries (id bigint PRIMARY KEY, account_id bigint, booked_at timestamptz);
CREATE INDEX ledger_account_idx ON ledger_entries (account_id);
CREATE INDEX ledger_booked_idx ON ledger_entries (booked_at);
-- godwit-test:next-file
-- expect: 2
DROP INDEX ledger_account_idx, ledger_booked_idx;
