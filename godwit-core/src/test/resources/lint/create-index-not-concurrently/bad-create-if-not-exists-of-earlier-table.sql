CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);
-- godwit-test:next-file
-- expect: 1
CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, owner text);
CREATE INDEX accounts_owner_idx ON accounts (owner);
