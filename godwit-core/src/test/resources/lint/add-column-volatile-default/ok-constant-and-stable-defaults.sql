ALTER TABLE accounts ADD COLUMN status text NOT NULL DEFAULT 'open';
ALTER TABLE accounts ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE accounts ADD COLUMN cents bigint DEFAULT 0::bigint;
