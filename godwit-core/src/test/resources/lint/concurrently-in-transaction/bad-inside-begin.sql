-- expect: 1
BEGIN;
CREATE INDEX CONCURRENTLY ledger_account_idx ON ledger_entries (account_id);
COMMIT;
