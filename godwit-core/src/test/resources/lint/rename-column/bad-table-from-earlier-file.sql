CREATE TABLE accounts (id bigint PRIMARY KEY, note text);
-- godwit-test:next-file
-- expect: 2
ALTER TABLE accounts RENAME note TO memo;
ALTER TABLE accounts RENAME COLUMN id TO account_id;
