CREATE OR REPLACE FUNCTION FULLTEXT_REPLACE(text, text) RETURNS text
AS 'SELECT COALESCE(regexp_replace($1, ''[^a-zA-Z\d:]'', $2, ''g''), '''');'
    LANGUAGE SQL
    IMMUTABLE
    RETURNS NULL ON NULL INPUT;

CREATE OR REPLACE FUNCTION default_namespace() RETURNS text
AS 'SELECT ''company.team'';' LANGUAGE SQL STABLE;

CREATE TABLE IF NOT EXISTS flows (
    key VARCHAR(250) NOT NULL PRIMARY KEY,
    value JSONB NOT NULL,
    deleted BOOL NOT NULL GENERATED ALWAYS AS (CAST(value ->> 'deleted' AS bool)) STORED,
    id VARCHAR(100) NOT NULL GENERATED ALWAYS AS (value ->> 'id') STORED,
    namespace VARCHAR(150) NOT NULL GENERATED ALWAYS AS (value ->> 'namespace') STORED,
    fulltext TSVECTOR GENERATED ALWAYS AS (
        to_tsvector('simple', FULLTEXT_REPLACE(value ->> 'namespace', ' ')) ||
        to_tsvector('simple', FULLTEXT_REPLACE(value ->> 'id', ' '))
    ) STORED
);

CREATE INDEX IF NOT EXISTS flows_namespace ON flows (deleted, namespace);
CREATE INDEX IF NOT EXISTS flows_fulltext ON flows USING GIN (fulltext);

CREATE TABLE IF NOT EXISTS executions (
    key VARCHAR(250) NOT NULL PRIMARY KEY,
    value JSONB NOT NULL,
    namespace VARCHAR(150) NOT NULL GENERATED ALWAYS AS (value ->> 'namespace') STORED,
    state_current VARCHAR(50) NOT NULL GENERATED ALWAYS AS (value #>> '{state,current}') STORED,
    start_date TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS executions_namespace ON executions (namespace);
