ALTER TABLE versions DROP CONSTRAINT fk_versions_package_id;
DROP INDEX index_versions_package_id;
ALTER TABLE versions DROP COLUMN yanked;
