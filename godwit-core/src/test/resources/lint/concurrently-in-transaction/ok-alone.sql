SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS ledger_account_idx ON ledger_entries (account_id);
