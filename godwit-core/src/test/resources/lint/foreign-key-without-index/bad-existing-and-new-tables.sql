CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE batches (id bigint PRIMARY KEY);
CREATE TABLE payments (id bigint PRIMARY KEY, account_id bigint);
-- godwit-test:next-file
-- expect: 4
ALTER TABLE payments ADD CONSTRAINT payments_account_fk FOREIGN KEY (account_id) REFERENCES accounts NOT VALID;
CREATE TABLE entries (
  id bigint PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts,
  batch_id bigint,
  FOREIGN KEY (batch_id) REFERENCES batches
);
ALTER TABLE refunds ADD COLUMN payment_id bigint REFERENCES payments;
CREATE INDEX entries_open_account_idx ON entries (account_id) WHERE amount > 0;
CREATE INDEX entries_id_batch_idx ON entries (id, batch_id);
