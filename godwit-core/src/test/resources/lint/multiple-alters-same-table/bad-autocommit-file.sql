-- godwit:no-transaction
-- expect: 2
ALTER TABLE accounts ADD COLUMN status text;
ALTER TABLE accounts ADD COLUMN frozen_at timestamptz;
ALTER TABLE payments ADD COLUMN memo text;
ALTER TABLE accounts ALTER COLUMN status SET DEFAULT 'open';
