-- godwit:no-transaction
ALTER TABLE accounts ADD COLUMN status text;
UPDATE accounts SET status = 'open' WHERE id < 1000;
ALTER TABLE accounts ADD COLUMN frozen_at timestamptz;
ALTER TABLE accounts RENAME COLUMN frozen_at TO blocked_at;
ALTER TABLE accounts ADD CONSTRAINT status_known CHECK (status IN ('open', 'closed')) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT status_known;
