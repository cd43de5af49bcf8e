CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE currencies (code char(3) PRIMARY KEY);
CREATE TABLE prices (id numeric PRIMARY KEY);
CREATE TABLE periods (starts_at timestamptz PRIMARY KEY);
CREATE TABLE ledger (id bigint PRIMARY KEY, account_ref int);
-- godwit-test:next-file
-- expect: 5
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  account_id integer,
  currency text REFERENCES currencies,
  FOREIGN KEY (account_id) REFERENCES accounts (id)
);
ALTER TABLE ledger ADD CONSTRAINT ledger_account_fk FOREIGN KEY (account_ref) REFERENCES accounts;
CREATE TABLE price_refs (price_id int REFERENCES prices, period timestamp REFERENCES periods);
