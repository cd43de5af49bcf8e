-- godwit-test:pg-version 10
ALTER TABLE accounts ADD COLUMN status text NOT NULL DEFAULT 'open';
