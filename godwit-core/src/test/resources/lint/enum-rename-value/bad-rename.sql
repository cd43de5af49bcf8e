CREATE TYPE payout_state AS ENUM ('pending', 'sent');
-- godwit-test:next-file
-- expect: 1
ALTER TYPE payout_state RENAME VALUE 'sent' TO 'paid';
