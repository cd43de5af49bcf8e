CREATE TABLE ledger (id bigint PRIMARY KEY, amount numeric(12, 2), total numeric(12, 2), price numeric(12, 2), note numeric(10, 4));
-- godwit-test:next-file
ALTER TABLE ledger ALTER COLUMN amount TYPE numeric(19, 2);
ALTER TABLE ledger ALTER COLUMN total TYPE numeric(19, 4);
ALTER TABLE ledger ALTER COLUMN price TYPE bigint USING (price * 100)::bigint;
ALTER TABLE ledger ALTER COLUMN note TYPE numeric(10, 2);
ALTER TABLE payouts ALTER COLUMN amount TYPE numeric(12, 0);
CREATE TABLE staging (id bigint, amount numeric(19, 4));
ALTER TABLE staging ALTER COLUMN amount TYPE numeric(19, 2);
