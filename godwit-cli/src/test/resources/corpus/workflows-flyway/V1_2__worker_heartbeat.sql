CREATE TABLE IF NOT EXISTS worker_instance (
    key VARCHAR(250) NOT NULL PRIMARY KEY,
    value JSONB NOT NULL,
    worker_uuid VARCHAR(36) NOT NULL GENERATED ALWAYS AS (value ->> 'workerUuid') STORED,
    heartbeat_date TIMESTAMPTZ
);
ALTER TABLE flows ADD COLUMN IF NOT EXISTS tenant VARCHAR(150) DEFAULT default_namespace();
ALTER TABLE executions ADD COLUMN IF NOT EXISTS cost_total numeric;
