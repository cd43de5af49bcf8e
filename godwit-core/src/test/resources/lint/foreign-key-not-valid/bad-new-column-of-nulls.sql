-- a new column of NULLs is not checked, but currencies is locked SHARE ROW EXCLUSIVE: low
-- expect: 1
ALTER TABLE payments ADD COLUMN currency_id int REFERENCES currencies (id);
