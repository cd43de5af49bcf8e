CREATE TYPE payout_state AS ENUM ('pending', 'sent');
ALTER TYPE payout_state RENAME VALUE 'sent' TO 'paid';
ALTER TYPE payout_state ADD VALUE 'failed';
