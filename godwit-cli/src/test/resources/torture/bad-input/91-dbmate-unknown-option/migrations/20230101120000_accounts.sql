-- migrate:up transaction:maybe
CREATE TABLE accounts (id bigint PRIMARY KEY);
-- migrate:down
DROP TABLE accounts;
