-- a later release on a registry that has been running for years
ALTER TABLE versions ADD COLUMN yanked BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX index_versions_package_id ON versions (package_id);
ALTER TABLE versions ADD CONSTRAINT fk_versions_package_id FOREIGN KEY (package_id) REFERENCES packages (id);
DELETE FROM version_downloads WHERE downloads = 0;
