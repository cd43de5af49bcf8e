-- one transaction: the lock is held already, nothing is read twice
ALTER TABLE accounts ADD COLUMN status text;
ALTER TABLE accounts ALTER COLUMN status SET DEFAULT 'open';
