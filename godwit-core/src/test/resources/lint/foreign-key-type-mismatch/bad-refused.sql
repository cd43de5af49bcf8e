CREATE TABLE users (id uuid PRIMARY KEY);
CREATE TABLE accounts (id bigint PRIMARY KEY);
-- godwit-test:next-file
-- expect: 3
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id text NOT NULL REFERENCES users);
ALTER TABLE payments ADD COLUMN account_id numeric REFERENCES accounts (id);
ALTER TABLE tags ADD COLUMN account_ids bigint[], ADD FOREIGN KEY (account_ids) REFERENCES accounts;
