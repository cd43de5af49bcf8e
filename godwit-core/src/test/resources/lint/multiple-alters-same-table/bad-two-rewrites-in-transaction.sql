CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric(12, 2), note text);
-- godwit-test:next-file
-- expect: 1
ALTER TABLE accounts ALTER COLUMN id TYPE bigint;
ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(14, 4);
