DROP INDEX IF EXISTS executions_namespace_date;
DROP INDEX IF EXISTS executions_trigger_id;
ALTER TABLE executions DROP COLUMN IF EXISTS trigger_id;
CREATE INDEX IF NOT EXISTS executions_namespace ON executions (namespace);
