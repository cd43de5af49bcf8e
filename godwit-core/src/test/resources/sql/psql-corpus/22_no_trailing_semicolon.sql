CREATE TABLE no_terminator (id int);
INSERT INTO no_terminator VALUES (1);
SELECT id
FROM no_terminator
WHERE id = 1 -- the last statement has no semicolon and the file no final newline