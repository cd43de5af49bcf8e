CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE branches (id serial PRIMARY KEY);
CREATE TABLE users (email varchar(254) PRIMARY KEY, handle text UNIQUE);
-- godwit-test:next-file
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  account_id int8 REFERENCES accounts,
  branch_id integer REFERENCES branches (id),
  region_id bigint REFERENCES branches,
  owner_email text REFERENCES users,
  owner_handle varchar(40) REFERENCES users (handle),
  partner_id int REFERENCES partners,
  amount_id money_id REFERENCES accounts
);
CREATE TABLE nodes (id bigint PRIMARY KEY, parent_id bigint REFERENCES nodes (id));
ALTER TABLE orders ADD CONSTRAINT orders_partner_fk FOREIGN KEY (partner_id) REFERENCES partners;
