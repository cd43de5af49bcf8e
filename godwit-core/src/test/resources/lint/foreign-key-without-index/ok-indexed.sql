CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE payments (id bigint PRIMARY KEY, account_id bigint);
CREATE INDEX payments_account_idx ON payments (account_id, id);
-- godwit-test:next-file
ALTER TABLE payments ADD CONSTRAINT payments_account_fk FOREIGN KEY (account_id) REFERENCES accounts NOT VALID;
CREATE TABLE account_tags (
  account_id bigint REFERENCES accounts,
  tag_id bigint REFERENCES tags,
  PRIMARY KEY (account_id, tag_id)
);
CREATE INDEX account_tags_tag_idx ON account_tags (tag_id);
CREATE TABLE account_settings (account_id bigint PRIMARY KEY REFERENCES accounts, theme text);
CREATE TABLE account_owners (owner_id bigint UNIQUE REFERENCES users, account_id bigint);
ALTER TABLE account_owners ADD CONSTRAINT account_owners_account_fk FOREIGN KEY (account_id) REFERENCES accounts;
CREATE INDEX CONCURRENTLY account_owners_account_idx ON account_owners (account_id);
ALTER TABLE refunds ADD COLUMN payment_id bigint REFERENCES payments, ADD CONSTRAINT refunds_payment_key UNIQUE (payment_id);
