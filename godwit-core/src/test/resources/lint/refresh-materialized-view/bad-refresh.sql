CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);
CREATE MATERIALIZED VIEW account_owners AS SELECT id, owner FROM accounts;
-- godwit-test:next-file
-- expect: 1
REFRESH MATERIALIZED VIEW account_owners;
