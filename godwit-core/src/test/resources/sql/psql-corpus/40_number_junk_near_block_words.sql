-- A number glued to a word is "trailing junk" since PostgreSQL 15: psql does not read the word as a keyword,
-- so an END glued to a number does not close a BEGIN ATOMIC block: the function ends at the next END;
-- (and the server then rejects it).
CREATE FUNCTION glued_end() RETURNS int LANGUAGE sql
BEGIN ATOMIC
    SELECT 1end;
END;
SELECT 'after glued end' AS marker;
CREATE FUNCTION spaced_case(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
    SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;
END;
SELECT spaced_case(1);
