-- without the old type nothing is claimed (column-type-change says the type is unknown)
ALTER TABLE accounts ALTER COLUMN iban TYPE varchar(20);
CREATE TABLE fees (id bigint PRIMARY KEY, amount numeric(12, 4));
ALTER TABLE fees ALTER COLUMN amount TYPE numeric(12, 2);
