-- expect: 1
REINDEX TABLE ledger_entries;
