-- the new table is empty, but accounts is locked SHARE ROW EXCLUSIVE until COMMIT: low
-- expect: 1
CREATE TABLE payouts (
  id bigint PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id),
  fallback_account_id bigint REFERENCES accounts (id)
);
