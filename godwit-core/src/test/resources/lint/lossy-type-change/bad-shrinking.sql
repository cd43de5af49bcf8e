CREATE TABLE accounts (id bigint PRIMARY KEY, iban varchar(34), balance numeric(14, 4), holder text,
  fee numeric(12, 2), opened_at timestamptz);
-- godwit-test:next-file
-- expect: 5
ALTER TABLE accounts ALTER COLUMN iban TYPE varchar(20);
ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(14, 2);
ALTER TABLE accounts ALTER COLUMN holder TYPE varchar(50) USING holder::varchar(50);
ALTER TABLE accounts ALTER COLUMN fee TYPE integer;
ALTER TABLE accounts ALTER COLUMN opened_at TYPE date;
