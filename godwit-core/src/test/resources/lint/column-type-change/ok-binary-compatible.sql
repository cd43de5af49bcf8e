CREATE TABLE accounts (id bigint PRIMARY KEY, iban varchar(34), name varchar(100), note text, memo varchar,
  balance numeric(12, 2), rate numeric(8, 4), code char(5), opened_at timestamp(3), network cidr, seq serial);
-- godwit-test:next-file
ALTER TABLE accounts ALTER COLUMN iban TYPE varchar(64);
ALTER TABLE accounts ALTER COLUMN name TYPE text;
ALTER TABLE accounts ALTER COLUMN note TYPE varchar;
ALTER TABLE accounts ALTER COLUMN memo TYPE text USING memo::text;
ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(16, 2);
ALTER TABLE accounts ALTER COLUMN rate TYPE numeric;
ALTER TABLE accounts ALTER COLUMN code TYPE bpchar;
ALTER TABLE accounts ALTER COLUMN opened_at TYPE timestamp(6);
ALTER TABLE accounts ALTER COLUMN network TYPE inet;
ALTER TABLE accounts ALTER COLUMN seq TYPE int4;
