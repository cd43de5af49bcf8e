CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL);
-- godwit-test:next-file
-- expect: 2
ALTER TABLE invoices ALTER COLUMN total TYPE numeric;
ALTER TABLE payouts ALTER COLUMN amount TYPE numeric(14);
