ALTER TABLE packages DROP COLUMN updated_at;
