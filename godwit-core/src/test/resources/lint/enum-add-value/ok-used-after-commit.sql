-- godwit:no-transaction
BEGIN;
ALTER TYPE payment_status ADD VALUE 'held' AFTER 'pending';
COMMIT;
UPDATE payments SET status = 'held' WHERE id = 42;
