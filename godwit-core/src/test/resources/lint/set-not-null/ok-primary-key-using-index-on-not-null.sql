CREATE TABLE accounts (id bigint NOT NULL, owner text);
-- godwit-test:next-file
CREATE UNIQUE INDEX CONCURRENTLY accounts_id_key ON accounts (id);
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_key;
