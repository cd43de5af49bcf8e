CREATE DOMAIN cents AS bigint;
ALTER DOMAIN iban ADD CONSTRAINT iban_format CHECK (VALUE ~ '^[A-Z]{2}') NOT VALID;
ALTER DOMAIN cents ADD CONSTRAINT cents_positive CHECK (VALUE >= 0);
ALTER DOMAIN cents VALIDATE CONSTRAINT cents_positive;
ALTER DOMAIN iban OWNER TO app;
ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount_cents >= 0) NOT VALID;
