CREATE TABLE branches (id int PRIMARY KEY);
-- godwit-test:next-file
CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, branch_no int);
CREATE TABLE entries (
  account_id bigint REFERENCES accounts,
  line_no smallint,
  total int GENERATED ALWAYS AS (line_no * 2) STORED,
  PRIMARY KEY (account_id, line_no)
);
CREATE TABLE tellers (id bigserial PRIMARY KEY, branch_id bigint REFERENCES branches (id));
CREATE TABLE audit (id bigint PRIMARY KEY, account_id int REFERENCES accounts, region_id int REFERENCES regions);
ALTER TABLE accounts ALTER COLUMN branch_no TYPE integer;
