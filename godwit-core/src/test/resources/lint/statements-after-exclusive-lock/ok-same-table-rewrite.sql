-- the second statement takes ACCESS EXCLUSIVE on accounts itself: the lock is its own (column-type-change judges it)
ALTER TABLE accounts ADD COLUMN status text;
ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(20, 4);
