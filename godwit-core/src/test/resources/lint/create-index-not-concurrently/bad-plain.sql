-- expect: 1
CREATE INDEX ledger_account_idx ON ledger_entries (account_id);
