-- expect: 5
CREATE TABLE accounts (id serial PRIMARY KEY, name text);
CREATE TABLE payments (
  id integer GENERATED ALWAYS AS IDENTITY,
  account_id int NOT NULL REFERENCES accounts,
  amount numeric(19, 4),
  seq smallserial,
  PRIMARY KEY (id)
);
CREATE TABLE fx_rates (code smallint PRIMARY KEY, rate numeric);
