-- Flyway-style placeholders: Godwit replaces them before splitting; psql is given the replaced text.
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE ${schema}.fees (id int PRIMARY KEY, kind text DEFAULT ${fee_text}, owner name DEFAULT ${owner});
INSERT INTO ${schema}.fees (id) VALUES (1);
SELECT kind, owner = CURRENT_USER FROM ${schema}.fees;
COMMENT ON TABLE ${schema}.fees IS 'placeholders are replaced inside strings too: ${schema}';
SET search_path = ${flyway:defaultSchema};
