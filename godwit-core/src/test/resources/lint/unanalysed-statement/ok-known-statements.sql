CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';
GRANT SELECT ON accounts TO reporting;
COMMENT ON TABLE accounts IS 'customer accounts';
SELECT 1;
