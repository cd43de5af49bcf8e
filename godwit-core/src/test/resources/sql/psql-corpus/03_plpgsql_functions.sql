CREATE TABLE balances (account_id bigint PRIMARY KEY, amount numeric(20, 2) NOT NULL DEFAULT 0);
INSERT INTO balances VALUES (1, 100), (2, 0);

CREATE OR REPLACE FUNCTION transfer(src bigint, dst bigint, amt numeric)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    available numeric;
BEGIN
    IF amt <= 0 THEN
        RAISE EXCEPTION 'amount must be positive; got %', amt;
    END IF;
    SELECT amount INTO available FROM balances WHERE account_id = src FOR UPDATE;
    IF available < amt THEN
        RAISE EXCEPTION 'insufficient funds: % < %', available, amt
            USING HINT = 'top up first; then retry';
    END IF;
    UPDATE balances SET amount = amount - amt WHERE account_id = src;
    UPDATE balances SET amount = amount + amt WHERE account_id = dst;
END;
$$;

CREATE FUNCTION total_balance() RETURNS numeric LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    t numeric := 0;
    r record;
BEGIN
    FOR r IN SELECT amount FROM balances LOOP
        t := t + r.amount;
    END LOOP;
    FOR i IN 1..3 LOOP
        CONTINUE WHEN i = 2;
    END LOOP;
    RETURN t;  -- a comment with a quote ' and a semicolon ;
END
$fn$;

CREATE FUNCTION safe_div(a numeric, b numeric) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $body$
BEGIN
    RETURN a / b;
EXCEPTION
    WHEN division_by_zero THEN
        RAISE NOTICE 'division by zero; returning NULL';
        RETURN NULL;
END;
$body$;

CREATE FUNCTION describe(v anyelement) RETURNS text LANGUAGE plpgsql AS '
BEGIN
    RETURN ''value: '' || v::text || ''; type: '' || pg_typeof(v)::text;
END;
';

CREATE FUNCTION dyn_count(tbl regclass) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    EXECUTE format($q$SELECT count(*) FROM %s WHERE true; $q$, tbl) INTO n;
    RETURN n;
END $$;

SELECT transfer(1, 2, 40);
SELECT total_balance(), safe_div(1, 0), describe(42), dyn_count('balances');
DROP FUNCTION describe(anyelement);
