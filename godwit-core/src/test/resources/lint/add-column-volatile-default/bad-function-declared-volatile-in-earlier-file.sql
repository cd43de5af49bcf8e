CREATE TABLE ledger (id bigint PRIMARY KEY);
CREATE FUNCTION next_ref() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
-- godwit-test:next-file
-- expect: 1
ALTER TABLE ledger ADD COLUMN ref text DEFAULT next_ref();
