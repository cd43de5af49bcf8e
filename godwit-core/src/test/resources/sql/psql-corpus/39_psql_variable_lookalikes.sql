-- psql substitutes :name, :'name' and :"name" when a psql variable of that name exists. None of these
-- names exists (psql's own variables are upper case), so psql sends the text as written, like the splitter.
CREATE TABLE vars (lo int, hi int, xs int[]);
INSERT INTO vars VALUES (1, 2, '{10,20,30}');
SELECT xs[lo:hi] FROM vars;
SELECT xs[lo : hi] FROM vars;
SELECT 'a:b', ':c;', $$:d$$ AS "e:f";
SELECT 1::int, 2 ::int, 3:: int;
DO $$ DECLARE x int; BEGIN x := 1; x:=x+1; RAISE NOTICE '%', x; END $$;
SELECT jsonb_build_object('k', 1) AS obj, '12:30'::time AS lunch;
SELECT xs[1:1] FROM vars;
