CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);
CREATE MATERIALIZED VIEW account_owners AS SELECT id, owner FROM accounts;
DROP MATERIALIZED VIEW account_owners;
DROP VIEW IF EXISTS account_names;
