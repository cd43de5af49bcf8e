CREATE TABLE payouts (id bigint PRIMARY KEY, account_id bigint);
CREATE INDEX payouts_account_idx ON payouts (account_id);
DROP INDEX payouts_account_idx;
