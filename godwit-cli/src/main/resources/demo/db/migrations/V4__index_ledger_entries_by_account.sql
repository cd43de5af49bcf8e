-- CONCURRENTLY builds the index without blocking writes. It cannot run inside a transaction,
-- so Godwit runs this file statement by statement, outside one.
CREATE INDEX CONCURRENTLY IF NOT EXISTS ledger_entries_account_id_idx ON ledger_entries (account_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ledger_entries_transfer_id_idx ON ledger_entries (transfer_id);
