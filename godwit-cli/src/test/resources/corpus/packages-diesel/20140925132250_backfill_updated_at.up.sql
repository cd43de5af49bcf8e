UPDATE packages SET updated_at = now() WHERE updated_at IS NULL;
ALTER TABLE packages ALTER COLUMN updated_at DROP DEFAULT;
