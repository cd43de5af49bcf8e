-- A line comment; with a semicolon ' and a quote " and $$ a dollar
/* A block comment; with a semicolon ' and a quote " and $$ a dollar */
/* outer /* inner; still a comment */ and back in the outer; */
CREATE TABLE notes (id int /* inline; */, body text -- trailing; comment
);
/* comment before the statement */ INSERT INTO notes VALUES (1, 'one');
INSERT INTO notes /* between; tokens */ VALUES (2, 'two') /* before the terminator */ ;
INSERT INTO notes VALUES (3, 'three') -- comment then the terminator on the next line
;
SELECT 1 /* a /* deeply /* nested */ comment */ here */ + 1 AS two;
SELECT 2 --no space after the dashes; still a comment
     * 3 AS six;
SELECT 4/**/AS four;
SELECT 5 AS five/* glued */;
SELECT 6*/* multiply by */7 AS forty_two;
SELECT 8 -/* minus */1 AS seven;
SELECT 9 <-- this is "less than" then a comment
  10 AS nine_lt_ten;
SELECT '-- not a comment' AS dashes, '/* nor this */' AS stars;
SELECT "--not a comment either" FROM (SELECT 1 AS "--not a comment either") x;
/* a comment that spans
   several lines; with ; semicolons ;
   and an unbalanced ' quote */
SELECT count(*) FROM notes;
/**/SELECT 11;
/* *** stars *** **/ SELECT 12;
/* a comment with a slash-star inside a string-looking thing: '/*' */ */ SELECT 13;
-- the last line is a comment with no statement after it; psql sends nothing for it
