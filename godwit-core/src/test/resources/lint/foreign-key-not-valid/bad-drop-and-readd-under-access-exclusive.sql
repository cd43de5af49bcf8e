CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE payouts (id bigint, account_id bigint CONSTRAINT payouts_account_fk REFERENCES accounts);
-- godwit-test:next-file
-- expect: 1
ALTER TABLE payouts DROP CONSTRAINT payouts_account_fk,
    ADD CONSTRAINT payouts_account_fk FOREIGN KEY (account_id) REFERENCES accounts ON DELETE CASCADE;
