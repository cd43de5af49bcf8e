-- expect: 1
DO $$ BEGIN EXECUTE 'ALTER TABLE accounts ADD COLUMN x int'; END $$;
