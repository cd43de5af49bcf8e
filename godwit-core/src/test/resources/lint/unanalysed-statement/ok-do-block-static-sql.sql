CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);
-- godwit-test:next-file
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'payout_state') THEN
        CREATE TYPE payout_state AS ENUM ('pending', 'sent');
    END IF;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
