-- expect: 2
UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ledger_account_idx'::regclass;
DELETE FROM pg_catalog.pg_depend WHERE objid = 42;
