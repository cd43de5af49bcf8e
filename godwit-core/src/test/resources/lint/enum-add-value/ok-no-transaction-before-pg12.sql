-- godwit:no-transaction
-- godwit-test:pg-version 11
ALTER TYPE payment_status ADD VALUE 'held' BEFORE 'settled';
UPDATE payments SET status = 'held' WHERE id = 42;
