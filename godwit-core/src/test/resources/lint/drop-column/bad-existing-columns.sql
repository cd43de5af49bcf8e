CREATE TABLE accounts (id bigint PRIMARY KEY, note text, legacy_code varchar(10));
-- godwit-test:next-file
-- expect: 2
ALTER TABLE accounts DROP COLUMN note, DROP COLUMN IF EXISTS legacy_code CASCADE;
