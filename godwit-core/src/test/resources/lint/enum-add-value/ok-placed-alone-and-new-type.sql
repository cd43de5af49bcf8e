ALTER TYPE payment_status ADD VALUE IF NOT EXISTS 'held' AFTER 'pending';
CREATE TYPE review_state AS ENUM ('open', 'closed');
ALTER TYPE review_state ADD VALUE 'escalated';
UPDATE payments SET status = 'pending' WHERE id = 42;
