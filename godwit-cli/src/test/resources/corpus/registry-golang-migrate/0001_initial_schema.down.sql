DROP TABLE IF EXISTS schema_version, access_log, project, registry_user, access;
DROP FUNCTION IF EXISTS update_update_time_at_column();
