;;
;
 ; ;
CREATE TABLE e (id int);;;
INSERT INTO e VALUES (1);  ;  INSERT INTO e VALUES (2);
/* only a comment */;
-- only a line comment
;
;/* a comment after an empty statement */ SELECT count(*) FROM e;
SELECT 1;;SELECT 2;
;
