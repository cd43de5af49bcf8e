CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);
CREATE MATERIALIZED VIEW account_owners AS SELECT id, owner FROM accounts;
-- godwit-test:next-file
REFRESH MATERIALIZED VIEW CONCURRENTLY account_owners;
