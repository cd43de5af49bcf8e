-- expect: 2
VACUUM FULL ledger_entries;
VACUUM (FULL, ANALYZE) accounts, payments;
