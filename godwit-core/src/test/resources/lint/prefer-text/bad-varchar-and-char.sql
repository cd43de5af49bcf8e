-- expect: 5
CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(254), country character(2), flag char,
  tags varchar(20)[], name text);
ALTER TABLE customers ADD COLUMN iban character varying(34);
