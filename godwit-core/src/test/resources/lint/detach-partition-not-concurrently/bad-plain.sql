-- expect: 1
ALTER TABLE ledger_entries DETACH PARTITION ledger_entries_2019;
