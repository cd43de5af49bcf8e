-- Backfill in batches, the way you do it on a table that is being written to.
CREATE TABLE orders (id bigint PRIMARY KEY, total_cents bigint, total numeric(12, 2));
INSERT INTO orders (id, total_cents) SELECT g, g * 137 FROM generate_series(1, 2000) g;

DO $backfill$
DECLARE
    batch  constant int := 500;
    done   bigint := 0;
    n      int;
BEGIN
    LOOP
        UPDATE orders SET total = total_cents / 100.0
        WHERE id IN (SELECT id FROM orders WHERE total IS NULL ORDER BY id LIMIT batch);
        GET DIAGNOSTICS n = ROW_COUNT;
        done := done + n;
        EXIT WHEN n = 0;
        RAISE NOTICE 'backfilled % rows; % so far', n, done;
    END LOOP;
END
$backfill$;

ALTER TABLE orders ALTER COLUMN total SET NOT NULL;

WITH moved AS (
    DELETE FROM orders WHERE id > 1990 RETURNING *
)
INSERT INTO orders (id, total_cents, total)
SELECT id + 10000, total_cents, total FROM moved;

UPDATE orders o
SET total = o.total + 0.01
FROM (SELECT id FROM orders WHERE id % 100 = 0) AS x
WHERE o.id = x.id;

INSERT INTO orders (id, total_cents, total) VALUES (1, 1, 0.01)
ON CONFLICT (id) DO UPDATE SET total_cents = EXCLUDED.total_cents, total = EXCLUDED.total
WHERE orders.total_cents <> EXCLUDED.total_cents;

MERGE INTO orders t
USING (VALUES (2::bigint, 999::bigint), (99999, 1)) AS s(id, cents)
ON t.id = s.id
WHEN MATCHED THEN UPDATE SET total_cents = s.cents, total = s.cents / 100.0
WHEN NOT MATCHED THEN INSERT (id, total_cents, total) VALUES (s.id, s.cents, s.cents / 100.0);

SELECT count(*), sum(total) FROM orders;
