-- expect: 2
ALTER TABLE accounts ADD CONSTRAINT accounts_iban_key UNIQUE (iban);
ALTER TABLE ledger_entries ADD PRIMARY KEY (id);
