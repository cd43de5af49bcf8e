CREATE TABLE ledger_entries (id bigint PRIMARY KEY, account_id bigint);
CREATE INDEX ledger_account_idx ON ledger_entries (account_id);
-- godwit-test:next-file
-- expect: 1
REINDEX (CONCURRENTLY false) INDEX ledger_account_idx;
