CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);
CREATE MATERIALIZED VIEW account_owners AS SELECT id, owner FROM accounts;
-- godwit-test:next-file
-- expect: 1
DROP MATERIALIZED VIEW IF EXISTS account_owners;
