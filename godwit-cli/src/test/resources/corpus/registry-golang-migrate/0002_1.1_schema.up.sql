-- release 1.1: converges old installations (the tables may exist already) and cleans up
CREATE TABLE IF NOT EXISTS registry_user (
 user_id SERIAL PRIMARY KEY NOT NULL,
 username varchar(255),
 realname varchar (255) NOT NULL
);
ALTER TABLE registry_user DROP COLUMN IF EXISTS legacy_flag;
ALTER TABLE registry_user ADD COLUMN IF NOT EXISTS password_version varchar(16) DEFAULT 'sha256';
DROP TABLE IF EXISTS replication_job_old;
ALTER TABLE IF EXISTS img_scan_job DROP COLUMN IF EXISTS digest;
CREATE INDEX IF NOT EXISTS access_log_repo ON access_log (repo_name);
ALTER TABLE access_log ALTER COLUMN repo_name TYPE varchar(128);
UPDATE schema_version SET version_num = '1.1';
