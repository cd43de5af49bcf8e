-- expect: 2
ALTER TABLE payments ADD COLUMN refund money;
ALTER TABLE payments ALTER COLUMN amount TYPE float8;
