-- godwit-test:pg-version 10
-- expect: 1
ALTER TABLE accounts ADD COLUMN status text NOT NULL;
