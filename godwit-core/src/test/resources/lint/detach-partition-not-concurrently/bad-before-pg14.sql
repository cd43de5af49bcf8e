-- godwit-test:pg-version 13
-- expect: 1
ALTER TABLE ledger_entries DETACH PARTITION ledger_entries_2019;
