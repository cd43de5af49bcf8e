CREATE TABLE docs (id int PRIMARY KEY, body jsonb, tags text[], span int4range, addr inet, pt point);
INSERT INTO docs VALUES
    (1, '{"a": {"b": [1, 2, 3]}, "k": "v;w"}', '{x,y}', '[1,10)', '10.0.0.1', '(1,2)'),
    (2, '{"a": {"b": []}, "k": null}', '{y}', '[5,7)', '192.168.1.0/24', '(3,4)');
SELECT id FROM docs WHERE body @> '{"k": "v;w"}' AND tags <@ ARRAY['x', 'y', 'z'];
SELECT body->'a'->'b'->>0, body#>'{a,b}', body#>>'{a,b,1}', body->>'k' FROM docs ORDER BY id;
SELECT body ? 'k', body ?| ARRAY['k', 'z'], body ?& ARRAY['a', 'k'] FROM docs;
SELECT body - 'k', body #- '{a,b}', body || '{"new": 1}' FROM docs;
SELECT span && int4range(6, 8), span @> 6, span -|- int4range(10, 20), span << int4range(20, 30) FROM docs;
SELECT addr << inet '10.0.0.0/8', addr >>= inet '192.168.1.5' FROM docs;
SELECT pt <-> point '(0,0)', pt ~= point '(1,2)', pt <^ point '(9,9)' FROM docs;
SELECT 'abc' ~ 'b', 'abc' ~* 'B', 'abc' !~ 'z', 'abc' !~* 'Z', 'abc' ~~ 'a%', 'abc' !~~ 'z%', 'abc' ~~* 'A%';
SELECT 2 ^ 10, |/ 16.0, ||/ 27.0, @ -5, 7 % 3, 5 & 3, 5 | 3, 5 # 3, ~ 5, 1 << 4, 256 >> 2;
SELECT 1 != 2, 1 <> 2, 1 <= 2, 1 >= 2, 1 = 1;
SELECT 3=-1, 3<-1, 3>-1, 3*-1, 3/-1, 3+-1, 3--1
AS after_a_comment_start;
SELECT ARRAY[1, 2] || 3, 0 || ARRAY[1, 2], ARRAY[[1, 2], [3, 4]] @> ARRAY[2];
SELECT 'fat & rat'::tsquery @@ 'a fat rat'::tsvector, to_tsvector('simple', 'x') @@ to_tsquery('simple', 'x');
SELECT x::text, x::numeric(10, 2)::text FROM (VALUES (1.5)) v(x);
SELECT 1 OPERATOR(pg_catalog.+) 2;
CREATE FUNCTION weird_op(a int, b int) RETURNS int LANGUAGE sql RETURN a * 10 + b;
CREATE OPERATOR <~|~> (LEFTARG = int, RIGHTARG = int, FUNCTION = weird_op);
CREATE OPERATOR @#@ (RIGHTARG = int, FUNCTION = int4abs);
SELECT 1 <~|~> 2, @#@ -7;
SELECT 1<~|~>2;
DROP OPERATOR <~|~> (int, int);
