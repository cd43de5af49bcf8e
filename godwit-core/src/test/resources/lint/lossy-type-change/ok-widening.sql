CREATE TABLE accounts (id integer PRIMARY KEY, iban varchar(34), balance numeric(12, 2), units numeric(9, 0),
  opened_at timestamp(3), ref text, payload json);
-- godwit-test:next-file
ALTER TABLE accounts ALTER COLUMN id TYPE bigint;
ALTER TABLE accounts ALTER COLUMN iban TYPE text;
ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(14, 4);
ALTER TABLE accounts ALTER COLUMN units TYPE integer;
ALTER TABLE accounts ALTER COLUMN opened_at TYPE timestamptz;
-- the author's own conversion is not judged
ALTER TABLE accounts ALTER COLUMN ref TYPE varchar(10) USING left(ref, 10);
