-- godwit:no-transaction
-- each statement commits on its own: the ALTER's lock is released before the UPDATE
ALTER TABLE accounts ADD COLUMN status text;
UPDATE accounts SET status = 'open' WHERE id < 1000;
