CREATE TABLE payouts (id bigint PRIMARY KEY, amount numeric(19, 4));
ALTER TABLE payouts ADD CONSTRAINT payouts_amount_positive CHECK (amount > 0);
ALTER TABLE payouts ADD COLUMN fee numeric(19, 4) CHECK (fee >= 0);
CREATE DOMAIN cents AS bigint;
ALTER DOMAIN cents ADD CONSTRAINT cents_non_negative CHECK (VALUE >= 0);
