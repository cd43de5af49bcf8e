-- expect: 1
DROP INDEX IF EXISTS ledger_account_idx;
