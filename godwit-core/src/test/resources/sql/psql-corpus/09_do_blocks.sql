CREATE TABLE IF NOT EXISTS settings (k text PRIMARY KEY, v text);

DO $$
BEGIN
    INSERT INTO settings VALUES ('a', 'x; y');
    IF NOT EXISTS (SELECT 1 FROM settings WHERE k = 'b') THEN
        INSERT INTO settings VALUES ('b', $v$it's $x$ inside$v$);
    END IF;
END
$$;

DO $body$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT k FROM settings ORDER BY k LOOP
        RAISE NOTICE 'setting %; value follows', r.k;
    END LOOP;
    PERFORM 1 FROM settings WHERE v = 'END;';
END;
$body$;

DO LANGUAGE plpgsql $x$
BEGIN
    EXECUTE $sql$CREATE TABLE made_by_do (id int); COMMENT ON TABLE made_by_do IS 'two statements; one string'$sql$;
END
$x$;

DO $do$ BEGIN PERFORM pg_sleep(0); END $do$ LANGUAGE plpgsql;

DO $_$
BEGIN
    BEGIN
        PERFORM 1 / 0;
    EXCEPTION WHEN division_by_zero THEN
        RAISE NOTICE 'caught; carrying on';
    END;
    CASE (SELECT count(*) FROM settings)
        WHEN 0 THEN RAISE NOTICE 'none';
        ELSE RAISE NOTICE 'some';
    END CASE;
END
$_$;

DO '
BEGIN
    RAISE NOTICE ''single-quoted body; still one statement'';
END';

DO E'BEGIN RAISE NOTICE \'escape-string body; fine\'; END';

SELECT * FROM settings ORDER BY k;
SELECT count(*) FROM made_by_do;
