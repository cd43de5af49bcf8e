CREATE TABLE customers (id bigint PRIMARY KEY, email text CHECK (char_length(email) <= 254), note varchar,
  raw bpchar, amount numeric(19, 4));
ALTER TABLE customers ALTER COLUMN email TYPE text;
ALTER TABLE customers ADD CONSTRAINT customers_email_length CHECK (char_length(email) <= 320) NOT VALID;
