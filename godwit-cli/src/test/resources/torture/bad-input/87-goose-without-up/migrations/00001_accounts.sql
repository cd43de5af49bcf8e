-- creates the accounts
CREATE TABLE accounts (id bigint PRIMARY KEY);
