-- expect: 1
ALTER TYPE payment_status ADD VALUE IF NOT EXISTS 'held' AFTER 'pending';
UPDATE payments SET status = 'held' WHERE status = 'pending' AND flagged;
