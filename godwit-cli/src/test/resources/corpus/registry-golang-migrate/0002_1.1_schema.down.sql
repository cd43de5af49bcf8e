DROP INDEX IF EXISTS access_log_repo;
ALTER TABLE registry_user DROP COLUMN IF EXISTS password_version;
