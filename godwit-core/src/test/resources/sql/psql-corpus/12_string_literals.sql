CREATE TABLE strs (id int PRIMARY KEY, s text);
INSERT INTO strs VALUES (1, 'plain');
INSERT INTO strs VALUES (2, 'it''s got ''quotes'' and a ; semicolon');
INSERT INTO strs VALUES (3, '');
INSERT INTO strs VALUES (4, '''');
INSERT INTO strs VALUES (5, ';');
INSERT INTO strs VALUES (6, 'a backslash \ in a standard string');
INSERT INTO strs VALUES (7, 'ends with a backslash\');
INSERT INTO strs VALUES (8, 'multi
line; string
with an empty line in it:

done');
INSERT INTO strs VALUES (9, '-- not a comment /* nor this */');
INSERT INTO strs VALUES (10, '$$ not a dollar quote $$');
INSERT INTO strs VALUES (11, '"not an identifier;"');
INSERT INTO strs VALUES (12, N'national; text');
INSERT INTO strs VALUES (13, n'lower-case national');
SELECT B'1010' AS bits, b'1' AS bit, X'1F' AS hex, x'ff' AS hex_lower, B'' AS empty_bits;
SELECT B'1010' || B'0101', X'DEAD' & X'BEEF';
SELECT 'a'
       'b' AS continued_on_the_next_line;
SELECT 'tab	inside' AS with_tab;
SELECT length('trailing spaces   ') AS n;
SELECT id, s FROM strs WHERE s LIKE '%;%' ORDER BY id;
SELECT $$dollar$$ || 'single' || E'escape' AS mixed;
SELECT 'x' AS ";", ';' AS "'";
