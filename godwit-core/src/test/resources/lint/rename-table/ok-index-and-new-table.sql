ALTER INDEX ledger_account_idx RENAME TO ledger_entries_account_idx;
CREATE TABLE staging_ledger (id bigint PRIMARY KEY);
ALTER TABLE staging_ledger RENAME TO ledger_import;
