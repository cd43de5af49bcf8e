CREATE TABLE layout (a int, b int);
		INSERT INTO layout VALUES (1, 2);
   	  
SELECTa FROM layout;
SELECT a   ,   b


  FROM layout   ;   SELECT 2   ;
SELECT 3;SELECT 4;   -- two on a line, then a comment



SELECT

  5

  ;
INSERT INTO layout
   -- a comment line in the middle

   VALUES (3, 4);
  /* indented block comment */
  SELECT count(*)
    FROM layout
   WHERE a > 0   
;
SELECT 6 	 ;
SELECT 7	-- tab before a comment
;
