-- expect: 1
ALTER TABLE accounts ADD COLUMN overdraft_limit numeric(19, 4) DEFAULT 0 CHECK (overdraft_limit >= 0);
