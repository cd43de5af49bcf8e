CREATE UNIQUE INDEX CONCURRENTLY accounts_iban_key ON accounts (iban);
-- godwit-test:next-file
ALTER TABLE accounts ADD CONSTRAINT accounts_iban_key UNIQUE USING INDEX accounts_iban_key;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_pkey PRIMARY KEY USING INDEX ledger_entries_id_key;
