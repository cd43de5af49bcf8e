CREATE TABLE scores (id int PRIMARY KEY, score int);
INSERT INTO scores VALUES (1, 95), (2, 72), (3, 40);

CREATE FUNCTION grade(s int) RETURNS text
LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    SELECT CASE
               WHEN s >= 90 THEN 'A'
               WHEN s >= 70 THEN CASE WHEN s >= 80 THEN 'B' ELSE 'C' END
               ELSE 'F; fail'
           END;
END;

CREATE OR REPLACE FUNCTION bump(i int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
    UPDATE scores SET score = score + 1 WHERE id = i;
    SELECT score FROM scores WHERE id = i;
END;

CREATE PROCEDURE reset_scores(floor_score int)
LANGUAGE sql
BEGIN ATOMIC
    UPDATE scores SET score = floor_score WHERE score < floor_score;
    INSERT INTO scores SELECT 100 + g, floor_score FROM generate_series(1, 2) g
        ON CONFLICT (id) DO NOTHING;
    DELETE FROM scores WHERE id > 101;
END;

CREATE OR REPLACE PROCEDURE noop() LANGUAGE sql BEGIN ATOMIC END;

create function lower_case_atomic(a int) returns int language sql
begin atomic
  select case when a > 0 then a else -a end;
end;

CREATE FUNCTION with_cte(i int) RETURNS bigint LANGUAGE sql
BEGIN ATOMIC
    WITH x AS (SELECT score FROM scores WHERE id = i) SELECT count(*) FROM x;
    SELECT (CASE WHEN i IS NULL THEN 0 ELSE 1 END)::bigint;
END;

CREATE FUNCTION plain_return(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE
RETURN CASE WHEN a > b THEN a ELSE b END;

CREATE FUNCTION paren_return(a int) RETURNS int LANGUAGE sql RETURN (a + 1);

SELECT id, grade(score), bump(id), lower_case_atomic(-id), with_cte(id), plain_return(id, 2), paren_return(id)
FROM scores ORDER BY id;
CALL reset_scores(50);
CALL noop();
SELECT pg_get_functiondef('grade'::regproc);
CREATE /* comments between the words */ OR -- still CREATE OR REPLACE FUNCTION for psql
REPLACE FUNCTION commented_header(i int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
    SELECT i; SELECT i + 1;
END;
CREATE FUNCTION "quoted_begin"() RETURNS text LANGUAGE sql
BEGIN ATOMIC
    SELECT 'begin' AS "BEGIN";
END;
SELECT commented_header(1), quoted_begin();
