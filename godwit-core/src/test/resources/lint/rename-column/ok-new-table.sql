CREATE TABLE accounts (id bigint PRIMARY KEY, note text);
ALTER TABLE accounts RENAME COLUMN note TO memo;
