CREATE TABLE ledger (id bigint PRIMARY KEY);
CREATE OR REPLACE FUNCTION billing.default_currency() RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'EUR' $$;
CREATE FUNCTION fx_epoch() RETURNS date IMMUTABLE LANGUAGE sql AS 'select date ''2020-01-01''';
-- godwit-test:next-file
ALTER TABLE ledger ADD COLUMN currency text DEFAULT billing.default_currency();
ALTER TABLE ledger ADD COLUMN since date DEFAULT fx_epoch();
