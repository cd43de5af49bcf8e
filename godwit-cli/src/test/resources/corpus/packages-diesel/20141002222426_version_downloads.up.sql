CREATE TABLE version_downloads (
            id              SERIAL PRIMARY KEY,
            version_id      INTEGER NOT NULL,
            downloads       INTEGER NOT NULL,
            date            DATE NOT NULL DEFAULT current_date
        );
CREATE INDEX index_version_downloads_by_date ON version_downloads (date);
ALTER SEQUENCE version_downloads_id_seq RENAME TO version_downloads_pk_seq;
CREATE MATERIALIZED VIEW recent_downloads AS SELECT version_id, sum(downloads) AS downloads FROM version_downloads GROUP BY version_id;
CREATE UNIQUE INDEX recent_downloads_version ON recent_downloads (version_id);
