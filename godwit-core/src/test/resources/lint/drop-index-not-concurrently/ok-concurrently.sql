-- godwit:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS ledger_account_idx;
