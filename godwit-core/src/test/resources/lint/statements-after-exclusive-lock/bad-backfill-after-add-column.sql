-- the classic: accounts stays locked while every row is updated
-- expect: 1
ALTER TABLE accounts ADD COLUMN status text;
UPDATE accounts SET status = 'open';
