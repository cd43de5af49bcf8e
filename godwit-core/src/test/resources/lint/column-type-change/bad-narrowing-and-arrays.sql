CREATE TABLE accounts (id bigint PRIMARY KEY, iban varchar(34), balance numeric(12, 2), tags varchar(10)[],
  code char(5), opened_at timestamp);
-- godwit-test:next-file
-- expect: 6
ALTER TABLE accounts ALTER COLUMN iban TYPE varchar(20);
ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(14, 4);
ALTER TABLE accounts ALTER COLUMN tags TYPE varchar(20)[];
ALTER TABLE accounts ALTER COLUMN code TYPE text;
ALTER TABLE accounts ALTER COLUMN opened_at TYPE timestamp(3);
ALTER TABLE accounts ALTER COLUMN iban TYPE text USING upper(iban);
