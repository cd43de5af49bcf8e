CREATE TABLE events (id int PRIMARY KEY, payload jsonb);
INSERT INTO events VALUES
    (1, '{"type": "transfer", "amount": 12.5, "tags": ["a;b", "c"], "note": "it''s; fine"}'),
    (2, '{"type": "fee", "amount": -1, "meta": {"$schema": "v1", "path": "$.a"}}');
SELECT jsonb_path_query(payload, '$.tags[*] ? (@ like_regex "^a")') FROM events;
SELECT jsonb_path_exists(payload, '$.amount ? (@ > $min)', '{"min": 10}') FROM events ORDER BY id;
SELECT payload @? '$.meta.path', payload @@ '$.amount < 0' FROM events ORDER BY id;
SELECT jsonb_build_object('k', 'v;1', 'n', 1) || '{"x": "$$"}'::jsonb;
SELECT payload->'meta'->>'$schema' FROM events WHERE id = 2;
SELECT jsonb_set(payload, '{tags,0}', '"z;z"') FROM events WHERE id = 1;
SELECT id, e.key, e.value FROM events, jsonb_each(payload) AS e(key, value) ORDER BY id, e.key;
SELECT json_agg(t) FROM (SELECT id, payload->>'type' AS type FROM events) t;
SELECT '{"a": [1, 2, {"b": "}; {"}]}'::json #>> '{a,2,b}';
SELECT to_jsonb(ARRAY['x', 'y;z']), jsonb_typeof('null');
SELECT jsonb_path_query_array('[1, 2, 3]', '$[*] ? (@ >= $x && @ <= $y)', '{"x": 2, "y": 3}');
