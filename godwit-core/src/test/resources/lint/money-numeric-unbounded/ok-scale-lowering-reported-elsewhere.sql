CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL);
-- godwit-test:next-file
ALTER TABLE invoices ALTER COLUMN total TYPE numeric(12);
