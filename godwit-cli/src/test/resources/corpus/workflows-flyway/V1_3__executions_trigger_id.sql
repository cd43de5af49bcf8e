ALTER TABLE executions ADD COLUMN IF NOT EXISTS trigger_id VARCHAR(150) GENERATED ALWAYS AS (value #>> '{trigger,id}') STORED;
CREATE INDEX IF NOT EXISTS executions_trigger_id ON executions (trigger_id);
DROP INDEX IF EXISTS executions_namespace;
CREATE INDEX executions_namespace_date ON executions (namespace, start_date);
