-- expect: 8
DROP TABLE ledger_archive CASCADE;
ALTER TABLE accounts DROP COLUMN legacy_code CASCADE;
ALTER TABLE accounts DROP CONSTRAINT accounts_pkey CASCADE;
DROP INDEX accounts_email_key CASCADE;
DROP TYPE IF EXISTS payment_status CASCADE;
DROP DOMAIN cents CASCADE;
DROP FUNCTION next_invoice_no() CASCADE;
DROP SEQUENCE invoice_seq CASCADE;
