-- expect: 1
ALTER TABLE accounts RENAME COLUMN note TO memo;
