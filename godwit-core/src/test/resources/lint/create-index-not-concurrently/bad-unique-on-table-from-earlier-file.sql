CREATE TABLE ledger_entries (id bigint PRIMARY KEY, account_id bigint);
-- godwit-test:next-file
-- expect: 1
CREATE UNIQUE INDEX ON ledger_entries (account_id, id);
