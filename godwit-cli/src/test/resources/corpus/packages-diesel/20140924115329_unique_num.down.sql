ALTER TABLE versions DROP CONSTRAINT unique_num;
