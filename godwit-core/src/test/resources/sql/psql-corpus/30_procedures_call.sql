CREATE TABLE batches (id int PRIMARY KEY, done bool DEFAULT false);
INSERT INTO batches SELECT g FROM generate_series(1, 10) g;

CREATE PROCEDURE process_batches(size int, INOUT processed int DEFAULT 0)
LANGUAGE plpgsql
AS $proc$
DECLARE
    n int;
BEGIN
    LOOP
        UPDATE batches SET done = true
        WHERE id IN (SELECT id FROM batches WHERE NOT done ORDER BY id LIMIT size);
        GET DIAGNOSTICS n = ROW_COUNT;
        EXIT WHEN n = 0;
        processed := processed + n;
        COMMIT; -- a transaction per batch; allowed in procedures called outside a transaction block
    END LOOP;
END;
$proc$;

CALL process_batches(3);
CALL process_batches(size => 4, processed => 0);

CREATE OR REPLACE PROCEDURE log_it(msg text) LANGUAGE plpgsql AS $$
BEGIN
    RAISE NOTICE 'log: %', msg;
END $$;
CALL log_it('semicolon; inside');
CALL log_it($m$dollar; inside$m$);
DROP PROCEDURE log_it(text);
SELECT count(*) FILTER (WHERE done) FROM batches;
