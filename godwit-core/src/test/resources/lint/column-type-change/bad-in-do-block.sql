CREATE TABLE accounts (id integer PRIMARY KEY, owner text);
-- godwit-test:next-file
-- expect: 1
DO $$
DECLARE
    n int := 0;
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'accounts' AND data_type = 'integer') THEN
        ALTER TABLE accounts ALTER COLUMN id TYPE bigint;
    END IF;
    RAISE NOTICE 'done %', n;
END
$$;
