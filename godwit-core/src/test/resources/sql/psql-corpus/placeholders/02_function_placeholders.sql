CREATE TABLE work (id int PRIMARY KEY, done bool DEFAULT false);
INSERT INTO work SELECT g FROM generate_series(1, 1200) g;
CREATE FUNCTION run_batch() RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
    UPDATE work SET done = true WHERE id IN (SELECT id FROM work WHERE NOT done LIMIT ${batch_size});
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;
CREATE FUNCTION batch_size() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT ${batch_size}; END;
SELECT run_batch(), batch_size();
-- ${schema} in a comment is replaced too
SELECT count(*) FROM work WHERE done;
