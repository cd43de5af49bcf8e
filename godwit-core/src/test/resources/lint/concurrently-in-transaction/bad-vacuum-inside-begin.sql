-- expect: 1
BEGIN;
VACUUM ledger_entries;
COMMIT;
