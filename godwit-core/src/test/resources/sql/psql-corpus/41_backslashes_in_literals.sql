-- A backslash starts a psql meta-command only outside literals and comments. -- \set in a comment is fine.
/* \i other.sql in a block comment is fine too */
CREATE TABLE paths (id int, p text);
INSERT INTO paths VALUES (1, 'C:\Users\godwit\file.sql');
INSERT INTO paths VALUES (2, $$\set x 1$$);
INSERT INTO paths VALUES (3, E'\\i other.sql');
SELECT p AS "\d" FROM paths ORDER BY id;
SELECT regexp_replace('a.b.c', '\.', '-', 'g'), 'tab\t stays two chars' AS standard;
SELECT '\' AS lone_backslash, length('\\') AS two;
