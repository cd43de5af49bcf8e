ALTER TABLE accounts ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR';
ALTER TABLE accounts ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE accounts ADD COLUMN legacy_id bigserial NOT NULL;
ALTER TABLE accounts ADD COLUMN closed_at timestamptz;
ALTER TABLE accounts ADD COLUMN amount_cents bigint NOT NULL DEFAULT 0;
