CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE branches (id int PRIMARY KEY);
CREATE TABLE receipts (id bigint PRIMARY KEY, number int NOT NULL);
-- godwit-test:next-file
-- expect: 4
ALTER TABLE accounts ALTER COLUMN id TYPE integer;
ALTER TABLE tellers ADD COLUMN branch_id integer, ADD CONSTRAINT tellers_branch_fk FOREIGN KEY (branch_id) REFERENCES branches;
ALTER TABLE invoices ADD COLUMN id int, ADD PRIMARY KEY (id);
ALTER TABLE receipts ALTER COLUMN number ADD GENERATED ALWAYS AS IDENTITY;
