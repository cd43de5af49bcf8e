CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);
CREATE TABLE ledger_entries (id bigint PRIMARY KEY, account_id bigint, amount numeric(12,2), note text,
    CONSTRAINT ledger_amount_positive CHECK (amount > 0) NOT VALID);
CREATE TABLE payouts (id bigint, account_id bigint CONSTRAINT payouts_account_fk REFERENCES accounts);
-- godwit-test:next-file
ALTER TABLE ledger_entries VALIDATE CONSTRAINT ledger_amount_positive;
ALTER TABLE ledger_entries VALIDATE CONSTRAINT ledger_amount_positive, SET (fillfactor = 90);
