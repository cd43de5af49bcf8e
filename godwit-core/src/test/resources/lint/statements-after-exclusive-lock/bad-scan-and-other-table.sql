-- expect: 1
-- one finding for the whole region: the three statements run under the lock on accounts
ALTER TABLE accounts ALTER COLUMN note SET DEFAULT '';
CREATE INDEX payments_account_idx ON payments (account_id);
ALTER TABLE payments ADD COLUMN memo text;
DO $$ BEGIN PERFORM 1; END $$;
