-- expect: 4
ALTER TABLE ledger RENAME TO ledger_entries;
ALTER VIEW account_balances RENAME TO balances;
ALTER SEQUENCE invoice_no RENAME TO invoice_number;
ALTER TABLE IF EXISTS payouts SET SCHEMA archive;
