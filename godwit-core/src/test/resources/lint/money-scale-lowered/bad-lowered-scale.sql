CREATE TABLE ledger (id bigint PRIMARY KEY, amount numeric(19, 4), balance numeric(19, 4), fee numeric, total numeric(12, 2));
-- godwit-test:next-file
-- expect: 4
ALTER TABLE ledger ALTER COLUMN amount TYPE numeric(19, 2);
ALTER TABLE ledger ALTER COLUMN balance SET DATA TYPE numeric(19, 2) USING balance::numeric(19, 2);
ALTER TABLE ledger ALTER COLUMN fee TYPE numeric(12, 2);
ALTER TABLE ledger ALTER COLUMN total TYPE bigint;
