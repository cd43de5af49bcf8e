CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree (id), label text);
INSERT INTO tree VALUES (1, NULL, 'root;'), (2, 1, 'child ''a'''), (3, 1, 'child b'), (4, 2, 'grandchild');

WITH RECURSIVE walk (id, path, depth) AS (
    SELECT id, label, 0 FROM tree WHERE parent IS NULL
    UNION ALL
    SELECT t.id, w.path || ' > ' || t.label, w.depth + 1
    FROM tree t JOIN walk w ON t.parent = w.id
)
SEARCH DEPTH FIRST BY id SET ord
SELECT id, path, depth FROM walk ORDER BY ord;

WITH a AS MATERIALIZED (SELECT 1 AS x), b AS NOT MATERIALIZED (SELECT x + 1 AS y FROM a)
SELECT * FROM a, b;

CREATE TABLE tree_copy AS
WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 5)
SELECT n, (SELECT label FROM tree WHERE id = n) AS label FROM r;

SELECT id FROM tree t WHERE EXISTS (SELECT 1 FROM tree c WHERE c.parent = t.id AND c.label <> ';');
SELECT (SELECT (SELECT (SELECT 'deep; nesting'))) AS nested;
SELECT * FROM (VALUES (1, 'a;'), (2, 'b)')) AS v(n, s) WHERE s LIKE '%)%' OR n = 1;
SELECT x FROM generate_series(1, 3) x WHERE x IN (SELECT n FROM tree_copy WHERE label IS NOT NULL);
SELECT l.id, s.cnt FROM tree l, LATERAL (SELECT count(*) AS cnt FROM tree r WHERE r.parent = l.id) s ORDER BY l.id;
