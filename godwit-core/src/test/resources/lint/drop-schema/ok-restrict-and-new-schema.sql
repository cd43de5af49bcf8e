DROP SCHEMA legacy;
DROP SCHEMA old_reports RESTRICT;
CREATE SCHEMA IF NOT EXISTS import_tmp;
CREATE TABLE import_tmp.rows (id bigint);
DROP SCHEMA import_tmp CASCADE;
