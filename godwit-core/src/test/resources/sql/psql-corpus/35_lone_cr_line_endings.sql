CREATE TABLE cr (id int);INSERT INTO cr VALUES (1);SELECT idFROM cr;SELECT 2 -- a comment ended by a lone CR;
SELECT 3;
