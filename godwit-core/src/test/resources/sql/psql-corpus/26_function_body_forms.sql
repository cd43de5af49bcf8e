CREATE TABLE items (id int PRIMARY KEY, price numeric);
INSERT INTO items VALUES (1, 9.99), (2, 20);

CREATE FUNCTION sql_string_body(int) RETURNS numeric LANGUAGE sql STABLE
    AS 'SELECT price FROM items WHERE id = $1; ';

CREATE FUNCTION sql_two_statements() RETURNS bigint LANGUAGE sql
    AS 'UPDATE items SET price = price; SELECT count(*) FROM items;';

CREATE FUNCTION with_escaped_quotes() RETURNS text LANGUAGE sql
    AS 'SELECT ''it''''s; fine''::text';

CREATE FUNCTION dollar_body() RETURNS text LANGUAGE sql AS $$ SELECT 'a;b' $$;

CREATE OR REPLACE FUNCTION begin_as_param_name("begin" int, "end" int) RETURNS int LANGUAGE sql
    AS $$ SELECT "begin" + "end" $$;

CREATE FUNCTION returns_table() RETURNS TABLE (id int, price numeric) LANGUAGE sql
    AS $$ SELECT id, price FROM items ORDER BY id $$;

CREATE FUNCTION set_options() RETURNS int LANGUAGE plpgsql
    SET search_path = public, pg_temp
    SET work_mem = '64MB'
    SECURITY DEFINER
    AS $$ BEGIN RETURN 1; END $$;

CREATE FUNCTION atomic_with_parens(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
    SELECT (SELECT max(id) FROM items WHERE id <> x) + (CASE WHEN x > 0 THEN 1 ELSE 0 END);
END;

CREATE FUNCTION case_before_begin(x int) RETURNS int LANGUAGE sql
    RETURN CASE WHEN x > 0 THEN 1 ELSE 0 END;

CREATE FUNCTION quoted_case_word() RETURNS text LANGUAGE sql
BEGIN ATOMIC
    SELECT 'CASE; END; BEGIN' AS "case";
END;

CREATE AGGREGATE sum_squares(numeric) (SFUNC = numeric_add, STYPE = numeric, INITCOND = '0');
CREATE FUNCTION pl_case(x int) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    CASE WHEN x > 1 THEN RETURN 'big'; ELSE RETURN 'small'; END CASE;
END $$;

SELECT sql_string_body(1), sql_two_statements(), with_escaped_quotes(), dollar_body(),
       begin_as_param_name(1, 2), set_options(), atomic_with_parens(1), case_before_begin(3),
       quoted_case_word(), pl_case(2);
SELECT * FROM returns_table();
ALTER FUNCTION set_options() RESET ALL;
DROP FUNCTION sql_two_statements;
