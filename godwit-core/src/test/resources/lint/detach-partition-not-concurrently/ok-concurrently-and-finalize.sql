ALTER TABLE ledger_entries DETACH PARTITION ledger_entries_2019 CONCURRENTLY;
-- godwit-test:next-file
ALTER TABLE ledger_entries DETACH PARTITION ledger_entries_2019 FINALIZE;
