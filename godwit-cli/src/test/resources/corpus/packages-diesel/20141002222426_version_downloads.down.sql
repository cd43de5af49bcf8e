DROP MATERIALIZED VIEW recent_downloads;
DROP TABLE version_downloads;
